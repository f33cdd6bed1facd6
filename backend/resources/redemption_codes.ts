import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { hashCode, maskedCode, normaliseCode } from '#services/codes/code_format'
import { l } from './_labels.js'
import { CODE_STATUSES } from '#contract/statuses'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }
const days = (label: ReturnType<typeof l>, help: ReturnType<typeof l>) => ({ type: 'number' as const, label, min: 1, max: 3650, help })

/**
 * Redemption codes (ops-manual §积分兑换码管理). Generated in batches (a collection action
 * whose one-time result carries the full codes for the txt/CSV download), voided with a
 * reason, redeemed from the portal. Only a keyed hash and the last 4 characters are stored;
 * support finds a code by typing it in full at GET /api/admin/code-lookup.
 */
export default defineResource({
  name: 'redemption-codes',
  label: l('Redemption codes', '积分兑换码'),
  group: 'billing',
  icon: 'gift',
  menuOrder: 30,
  table: 'redemption_codes',
  titleField: 'code',
  defaultSort: [{ field: 'created_at', order: 'desc' }],
  primaryFilters: ['status', 'batch_id', 'bucket', 'redeemed_by', 'created_at', 'expires_at'],
  // the ops manual's 筛选 tabs
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'active', label: l('Active', '可用'), values: ['ACTIVE'] },
      { key: 'redeemed', label: l('Redeemed', '已兑换'), values: ['REDEEMED'] },
      { key: 'expired', label: l('Expired', '已过期'), values: ['EXPIRED'] },
      { key: 'voided', label: l('Voided', '已作废'), values: ['VOIDED'] },
    ],
  },
  totals: ['amount'],
  // a code typed in full (any case, spaces or dashes) is found by its keyed hash, as redemption does
  exactSearch: (typed) => {
    const normalised = normaliseCode(typed)
    return normalised ? { column: 'code_hash', value: hashCode(normalised.code) } : null
  },
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    code: { type: 'string', label: l('Code', '兑换码'), list: true, compute: (row) => maskedCode(row) },
    last4: { type: 'string', label: l('Last 4 characters', '末4位'), filter: ['eq'], searchable: true },
    batch_id: { type: 'string', label: l('Batch', '批次号'), list: true, sortable: true, searchable: true, filter: ['eq', 'in', 'contains'] },
    package: { type: 'string', label: l('Package', '套餐类型'), list: true, sortable: true, searchable: true, filter: ['eq', 'in', 'contains'] },
    amount: { ...money, label: l('Amount', '积分数量'), list: true, sortable: true, filter: ['eq', 'gte', 'lte'] },
    bucket: {
      type: 'enum',
      label: l('Credited to', '入账类型'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'cash', label: l('Cash balance', '现金余额'), color: 'green' },
        { value: 'gift', label: l('Gift balance', '赠送余额'), color: 'magenta' },
      ],
    },
    gift_validity_days: { type: 'number', label: l('Gift valid for (days)', '赠送有效天数') },
    status: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      sortable: true,
      filter: ['eq', 'in', 'ne'],
      options: CODE_STATUSES,
    },
    expires_at: { type: 'datetime', label: l('Expires', '过期时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    redeemed_by: { type: 'relation', label: l('Redeemed by', '兑换用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    redeemed_at: { type: 'datetime', label: l('Redeemed at', '兑换时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    transaction_id: { type: 'relation', label: l('Ledger transaction', '账务流水'), filter: ['eq'], relation: { resource: 'ledger-transactions', labelField: 'id' } },
    remark: { type: 'text', label: l('Remark', '备注'), searchable: true, filter: ['contains'] },
    void_reason: { type: 'text', label: l('Void reason', '作废原因') },
    voided_at: { type: 'datetime', label: l('Voided at', '作废时间'), sortable: true, filter: ['gte', 'lte'] },
    voided_by: { type: 'relation', label: l('Voided by', '作废人'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    created_by: { type: 'relation', label: l('Created by', '创建人'), filter: ['eq', 'in'], relation: { resource: 'staff', labelField: 'email' } },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    generate: {
      label: l('Generate codes', '生成兑换码'),
      scope: 'collection',
      confirm: false,
      fields: {
        count: { type: 'number', label: l('Number of codes', '生成数量'), required: true, min: 1, max: creditdesk.codes.maxPerRequest },
        amount: { ...money, label: l('Amount per code', '积分数量'), required: true },
        bucket: {
          type: 'enum',
          label: l('Credited to', '入账类型'),
          required: true,
          options: [
            { value: 'cash', label: l('Cash balance (codes sold offline)', '现金余额（线下销售）') },
            { value: 'gift', label: l('Gift balance (promotions)', '赠送余额（推广活动）') },
          ],
        },
        gift_validity_days: days(l('Gift valid for (days)', '赠送有效天数'), l('Gift codes: how long the credited gift balance lasts (default 30)', '赠送类兑换码：入账后赠送余额的有效天数（默认30）')),
        valid_days: days(l('Code valid for (days)', '有效期（天）'), l('Default 30', '默认30天')),
        package: { type: 'string', label: l('Package', '套餐类型'), maxLength: 80 },
        remark: { type: 'text', label: l('Remark', '备注'), maxLength: 500 },
      },
      // the full codes exist only in this result: shown once, never stored or audited
      once: true,
      resultTypes: {
        batch_id: { type: 'string', label: l('Batch', '批次号') },
        count: { type: 'number', label: l('Number of codes', '生成数量') },
        amount: { type: 'money', label: l('Amount per code', '积分数量'), currency: creditdesk.asset },
        expires_at: { type: 'datetime', label: l('Expires', '过期时间') },
      },
      handler: () => import('#actions/codes/generate_codes'),
    },
    void: {
      label: l('Void', '作废'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'ACTIVE' },
      handler: () => import('#actions/codes/void_code'),
    },
  },
})
