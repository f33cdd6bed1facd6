import { CURRENCY_SCALE } from '#config/payments'
import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import type { Label } from '#engine/types'
import { l } from './_labels.js'
import { REFUND_STATUSES } from '#contract/statuses'

const cents = { type: 'money' as const, scale: CURRENCY_SCALE }
const staff = (label: Label) => ({ type: 'relation' as const, label, list: true, filter: ['eq', 'in'] as Array<'eq' | 'in'>, relation: { resource: 'staff', labelField: 'email' } })

/**
 * Refunds under finance review (admin-prd §2, §6). Operations or support request one (the
 * order action `request_refund`, or `request` here); finance approves (the money is held, the
 * provider refund runs, success settles, failure releases), rejects, or retries a failed one.
 * The requester can never review their own request. See backend/actions/refunds/.
 */
export default defineResource({
  name: 'refunds',
  label: l('Refunds', '退款'),
  group: 'billing',
  icon: 'rollback',
  menuOrder: 16,
  table: 'refunds',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['status', 'order_id', 'customer_id', 'requested_at', 'channel'],
  quickTabs: {
    field: 'status',
    tabs: [
      { key: 'requested', label: l('Awaiting review', '待审核'), values: ['REQUESTED'] },
      { key: 'processing', label: l('Processing', '退款中'), values: ['PROCESSING'] },
      { key: 'succeeded', label: l('Refunded', '已退款'), values: ['SUCCEEDED'] },
      { key: 'failed', label: l('Failed', '退款失败'), values: ['REFUND_FAILED'] },
      { key: 'rejected', label: l('Rejected', '已驳回'), values: ['REJECTED'] },
    ],
  },
  totals: ['amount', 'ledger_amount'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    order_id: { type: 'relation', label: l('Order', '订单'), list: true, filter: ['eq', 'in'], relation: { resource: 'orders', labelField: 'number' } },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    channel: { type: 'string', label: l('Channel', '渠道'), list: true, filter: ['eq', 'in'] },
    amount: { ...cents, currencyField: 'currency', label: l('Amount', '退款金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    currency: { type: 'string', label: l('Currency', '币种'), list: true, filter: ['eq'] },
    ledger_amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Balance deducted', '扣减余额') },
    status: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      sortable: true,
      filter: ['eq', 'in', 'ne'],
      options: REFUND_STATUSES,
    },
    reason: { type: 'text', label: l('Reason', '退款原因'), list: true, filter: ['contains'] },
    requested_by: staff(l('Requested by', '申请人')),
    requested_at: { type: 'datetime', label: l('Requested', '申请时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    reviewed_by: staff(l('Reviewed by', '审核人')),
    reviewed_at: { type: 'datetime', label: l('Reviewed', '审核时间'), sortable: true, filter: ['gte', 'lte'] },
    review_note: { type: 'text', label: l('Review note', '审核意见') },
    attempts: { type: 'number', label: l('Attempts', '尝试次数') },
    provider_refund_id: { type: 'string', label: l('Stripe refund', 'Stripe 退款号'), filter: ['eq'] },
    bank_reference: { type: 'string', label: l('Bank reference', '银行流水号'), filter: ['eq', 'contains'] },
    failure_reason: { type: 'text', label: l('Failure reason', '失败原因'), list: true },
    hold_transaction_id: { type: 'relation', label: l('Hold', '冻结流水'), relation: { resource: 'ledger-transactions', labelField: 'id' } },
    settle_transaction_id: { type: 'relation', label: l('Settlement', '结算流水'), relation: { resource: 'ledger-transactions', labelField: 'id' } },
    release_transaction_id: { type: 'relation', label: l('Release', '解冻流水'), relation: { resource: 'ledger-transactions', labelField: 'id' } },
    completed_at: { type: 'datetime', label: l('Completed', '完成时间'), sortable: true, filter: ['gte', 'lte'] },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), sortable: true },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    request: {
      label: l('Request a refund', '申请退款'),
      scope: 'collection',
      confirm: true,
      reason: true,
      fields: {
        order_id: { type: 'relation', label: l('Order', '订单'), required: true, relation: { resource: 'orders', labelField: 'number' } },
        amount: { ...cents, label: l('Amount', '退款金额'), required: true, help: l('In the order currency; at least the minimum refund', '订单币种；不低于最低退款金额') },
      },
      handler: () => import('#actions/refunds/request_refund_for_order'),
    },
    approve: {
      label: l('Approve and refund', '批准并退款'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', eq: 'REQUESTED' },
      fields: {
        bank_reference: { type: 'string', label: l('Bank reference (offline orders)', '银行流水号（线下订单）'), maxLength: 100 },
      },
      handler: () => import('#actions/refunds/approve_refund'),
    },
    reject: {
      label: l('Reject', '驳回'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'REQUESTED' },
      handler: () => import('#actions/refunds/reject_refund'),
    },
    retry: {
      label: l('Retry refund', '重试退款'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', eq: 'REFUND_FAILED' },
      fields: {
        bank_reference: { type: 'string', label: l('Bank reference (offline orders)', '银行流水号（线下订单）'), maxLength: 100 },
      },
      handler: () => import('#actions/refunds/retry_refund'),
    },
  },
})
