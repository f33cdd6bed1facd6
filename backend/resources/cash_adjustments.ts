import creditdesk from '#config/creditdesk'
import { CASH_ADJUSTMENT_STATUSES } from '#contract/statuses'
import { defineResource } from '#engine/define_resource'
import type { Label } from '#engine/types'
import { CASH_ADJUSTMENT_FORM } from './_cash_adjustment_fields.js'
import { l } from './_labels.js'

const staff = (label: Label) => ({ type: 'relation' as const, label, list: true, filter: ['eq', 'in'] as Array<'eq' | 'in'>, relation: { resource: 'staff', labelField: 'email' } })

/**
 * Cash adjustments under maker-checker (issue 9 §4; replaces recording a fake offline order).
 * Finance requests a credit or debit of a customer's cash (here, or on the customer); a
 * different finance member approves — the `cash_adjustment` ledger transaction is posted — or
 * rejects with a reason. The requester can never review their own request. See
 * backend/actions/cash_adjustments/.
 */
export default defineResource({
  name: 'cash-adjustments',
  label: l('Cash adjustments', '余额调整'),
  group: 'billing',
  icon: 'wallet',
  menuOrder: 17,
  table: 'cash_adjustments',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  operations: { create: false, edit: false, delete: false, export: true },
  primaryFilters: ['customer_id', 'direction', 'requested_by', 'requested_at', 'reference'],
  quickTabs: {
    field: 'status',
    tabs: CASH_ADJUSTMENT_STATUSES.map((s) => ({ key: s.value.toLowerCase(), label: s.label, values: [s.value] })),
  },
  // credits minus debits of the filtered rows: what the adjustments did to customers' cash
  totals: ['net_amount'],
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'], searchable: true },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    direction: { ...CASH_ADJUSTMENT_FORM.direction, list: true, filter: ['eq', 'in'] },
    amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Amount', '金额'), sortable: true, filter: ['gte', 'lte'] },
    net_amount: {
      type: 'money',
      scale: creditdesk.scale,
      currency: creditdesk.asset,
      label: l('Change to cash', '现金变动'),
      sql: "(CASE WHEN cash_adjustments.direction = 'debit' THEN -cash_adjustments.amount ELSE cash_adjustments.amount END)",
      list: true,
      sortable: true,
      filter: ['gte', 'lte'],
    },
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in'], options: [...CASH_ADJUSTMENT_STATUSES] },
    reason: { type: 'text', label: l('Reason', '原因'), list: true, filter: ['contains'] },
    reference: { type: 'string', label: l('Reference', '凭证号'), list: true, searchable: true, filter: ['eq', 'contains'] },
    requested_by: staff(l('Requested by', '申请人')),
    requested_at: { type: 'datetime', label: l('Requested', '申请时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    approved_by: staff(l('Approved by', '复核人')),
    approved_at: { type: 'datetime', label: l('Approved', '复核时间'), sortable: true, filter: ['gte', 'lte'] },
    rejected_by: { ...staff(l('Rejected by', '驳回人')), list: false },
    rejected_at: { type: 'datetime', label: l('Rejected', '驳回时间'), sortable: true, filter: ['gte', 'lte'] },
    rejection_reason: { type: 'text', label: l('Rejection reason', '驳回原因') },
    ledger_transaction_id: {
      type: 'relation',
      label: l('Ledger transaction', '账务流水'),
      list: true,
      filter: ['eq'],
      relation: { resource: 'ledger-transactions', labelField: 'id' },
    },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), sortable: true },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    request: {
      label: l('Request an adjustment', '申请余额调整'),
      scope: 'collection',
      confirm: true,
      reason: true,
      fields: {
        customer_id: { type: 'relation', label: l('Customer', '用户'), required: true, relation: { resource: 'users', labelField: 'email' } },
        ...CASH_ADJUSTMENT_FORM,
      },
      handler: () => import('#actions/cash_adjustments/request_cash_adjustment'),
    },
    approve: {
      label: l('Approve and post', '复核通过并入账'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', eq: 'PENDING' },
      handler: () => import('#actions/cash_adjustments/approve_cash_adjustment'),
    },
    reject: {
      label: l('Reject', '驳回'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', eq: 'PENDING' },
      handler: () => import('#actions/cash_adjustments/reject_cash_adjustment'),
    },
  },
})
