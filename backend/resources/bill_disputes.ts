import creditdesk from '#config/creditdesk'
import { CREDIT_NOTE_SETTLEMENTS, DISPUTE_STATUSES } from '#contract/bills'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }

/**
 * Disputes on bill lines, opened by the organization in the portal or by staff on the bill.
 * Finance resolves each: a credit note (to the wallet or refunded) or a rejection with a reason.
 */
export default defineResource({
  name: 'bill-disputes',
  label: l('Bill disputes', '账单争议'),
  group: 'billing',
  icon: 'alert',
  menuOrder: 26,
  table: 'bill_disputes',
  titleField: 'title',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['status', 'bill_id', 'created_at'],
  quickTabs: { field: 'status', tabs: DISPUTE_STATUSES.map(({ value, label }) => ({ key: value, label, values: [value] })) },
  totals: ['amount'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    title: {
      type: 'string',
      label: l('Dispute', '争议'),
      searchable: true,
      filter: ['contains'],
      sql: "concat((SELECT b.number FROM bills b WHERE b.id = bill_disputes.bill_id), ' · D', bill_disputes.id)",
    },
    bill_id: { type: 'relation', label: l('Bill', '账单'), list: true, filter: ['eq', 'in'], relation: { resource: 'bills', labelField: 'number' } },
    bill_line_id: { type: 'relation', label: l('Bill line', '账单明细'), list: true, filter: ['eq'], relation: { resource: 'bill-lines', labelField: 'title' } },
    amount: { ...money, label: l('Disputed amount', '争议金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    reason: { type: 'text', label: l('Reason', '原因'), list: true, filter: ['contains'] },
    opened_by_customer_id: { type: 'relation', label: l('Opened by (customer)', '发起人（客户）'), filter: ['eq'], relation: { resource: 'users', labelField: 'email' } },
    opened_by_staff_id: { type: 'relation', label: l('Opened by (staff)', '发起人（员工）'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    status: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in'], options: DISPUTE_STATUSES },
    resolution: { type: 'text', label: l('Resolution', '处理结果'), list: true },
    resolved_by: { type: 'relation', label: l('Resolved by', '处理人'), relation: { resource: 'staff', labelField: 'email' } },
    resolved_at: { type: 'datetime', label: l('Resolved', '处理时间'), sortable: true, filter: ['gte', 'lte'] },
    created_at: { type: 'datetime', label: l('Opened', '发起时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'credit_notes', label: l('Credit notes', '冲正单'), resource: 'credit-notes', filterField: 'dispute_id' }],
  actions: {
    credit: {
      label: l('Issue credit note', '开具冲正单'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'status', eq: 'open' },
      fields: {
        amount: { ...money, label: l('Amount to credit', '冲正金额'), required: true, help: l('At most the line amount less what was already credited on it', '不超过该明细金额减去已冲正金额') },
        settlement: { type: 'enum', label: l('Settlement', '退回方式'), required: true, options: CREDIT_NOTE_SETTLEMENTS },
      },
      handler: () => import('#actions/bills/credit_dispute'),
    },
    reject: { label: l('Reject', '驳回'), scope: 'record', confirm: true, reason: true, danger: true, when: { field: 'status', eq: 'open' }, handler: () => import('#actions/bills/reject_dispute') },
  },
})
