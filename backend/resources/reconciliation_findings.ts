import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'
import { RECONCILIATION_FINDING_STATUSES } from '#contract/statuses'

/**
 * What reconciliation found, per run, by kind; `repair` applies the kind's idempotent repair
 * (backend/actions/reconciliation/repairs.ts). Safe kinds are the ones the monitor may repair
 * on its own.
 */
export default defineResource({
  name: 'reconciliation-findings',
  label: l('Reconciliation findings', '对账异常'),
  group: 'billing',
  icon: 'alert',
  menuOrder: 51,
  table: 'reconciliation_findings',
  titleField: 'fingerprint',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['status', 'kind', 'run_id', 'safe', 'created_at'],
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'open', label: l('Open', '待处理'), values: ['OPEN'] },
      { key: 'repaired', label: l('Repaired', '已修复'), values: ['REPAIRED'] },
      { key: 'failed', label: l('Repair failed', '修复失败'), values: ['FAILED'] },
    ],
  },
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    run_id: { type: 'relation', label: l('Run', '对账批次'), list: true, filter: ['eq', 'in'], relation: { resource: 'reconciliation-runs', labelField: 'id' } },
    kind: {
      type: 'enum',
      label: l('Kind', '类型'),
      list: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'orphan_payment', label: l('Paid, not credited', '已支付未到账'), color: 'red' },
        { value: 'recharge_without_order', label: l('Recharge without paid order', '充值无对应订单'), color: 'volcano' },
        { value: 'balance_mismatch', label: l('Balance ≠ entries', '余额与流水不符'), color: 'magenta' },
        { value: 'stuck_pending', label: l('Stuck pending', '订单卡住'), color: 'gold' },
        { value: 'failed_event', label: l('Failed webhook event', 'Webhook 处理失败'), color: 'orange' },
        { value: 'stripe_mismatch', label: l('Differs from Stripe', '与 Stripe 不一致'), color: 'purple' },
        { value: 'provider_refund_not_taken', label: l('Provider refunded, credit not taken back', '渠道已退款，额度未扣回'), color: 'red' },
        { value: 'bill_mismatch', label: l('Bill ≠ usage or ledger', '账单与用量或账务不符'), color: 'geekblue' },
      ],
    },
    fingerprint: { type: 'string', label: l('Fingerprint', '指纹'), searchable: true, filter: ['eq', 'contains'] },
    subject_type: { type: 'string', label: l('Subject', '对象类型'), list: true, filter: ['eq'] },
    subject_id: { type: 'string', label: l('Subject id', '对象 ID'), list: true, filter: ['eq'] },
    detail: { type: 'json', label: l('Detail', '详情') },
    safe: { type: 'boolean', label: l('Safe to auto-repair', '可自动修复'), list: true, filter: ['eq'] },
    status: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      filter: ['eq', 'in'],
      options: RECONCILIATION_FINDING_STATUSES,
    },
    repair_result: { type: 'json', label: l('Repair result', '修复结果') },
    repaired_by: { type: 'relation', label: l('Repaired by', '修复人'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    repaired_at: { type: 'datetime', label: l('Repaired', '修复时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    created_at: { type: 'datetime', label: l('Found', '发现时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    repair: {
      label: l('Repair', '修复'),
      scope: 'record',
      confirm: true,
      danger: true,
      when: { field: 'status', eq: 'OPEN' },
      handler: () => import('#actions/reconciliation/repair_finding'),
    },
  },
})
