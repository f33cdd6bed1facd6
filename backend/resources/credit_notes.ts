import creditdesk from '#config/creditdesk'
import { CREDIT_NOTE_SETTLEMENTS } from '#contract/bills'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/** Credit notes, read-only: the negative lines that resolve disputes, each with its ledger posting. */
export default defineResource({
  name: 'credit-notes',
  label: l('Credit notes', '冲正单'),
  group: 'billing',
  icon: 'rollback',
  menuOrder: 27,
  table: 'credit_notes',
  titleField: 'number',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['number', 'org_id', 'bill_id', 'settlement', 'created_at'],
  totals: ['amount'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    number: { type: 'string', label: l('Credit note no.', '冲正单号'), list: true, sortable: true, searchable: true, filter: ['eq', 'contains'] },
    bill_id: { type: 'relation', label: l('Bill', '账单'), list: true, filter: ['eq', 'in'], relation: { resource: 'bills', labelField: 'number' } },
    bill_line_id: { type: 'relation', label: l('Bill line', '账单明细'), filter: ['eq'], relation: { resource: 'bill-lines', labelField: 'title' } },
    dispute_id: { type: 'relation', label: l('Dispute', '争议'), filter: ['eq'], relation: { resource: 'bill-disputes', labelField: 'title' } },
    org_id: { type: 'relation', label: l('Organization', '组织'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Amount', '金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    settlement: { type: 'enum', label: l('Settlement', '退回方式'), list: true, filter: ['eq', 'in'], options: CREDIT_NOTE_SETTLEMENTS },
    reason: { type: 'text', label: l('Reason', '原因'), list: true, filter: ['contains'] },
    ledger_transaction_id: { type: 'relation', label: l('Ledger transaction', '账务流水'), list: true, relation: { resource: 'ledger-transactions', labelField: 'id' } },
    created_by: { type: 'relation', label: l('Issued by', '开具人'), relation: { resource: 'staff', labelField: 'email' } },
    created_at: { type: 'datetime', label: l('Issued', '开具时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
