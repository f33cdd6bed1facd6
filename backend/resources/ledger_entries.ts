import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }

/** Ledger entries: the append-only lines of every transaction, with the balance after each. */
export default defineResource({
  name: 'ledger-entries',
  label: l('Ledger entries', '分录'),
  group: 'billing',
  icon: 'unordered-list',
  menuOrder: 22,
  table: 'ledger_entries',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['transaction_id', 'account_id', 'created_at', 'amount'],
  totals: ['amount'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    transaction_id: { type: 'relation', label: l('Transaction', '流水'), list: true, filter: ['eq', 'in'], relation: { resource: 'ledger-transactions', labelField: 'id' } },
    account_id: { type: 'relation', label: l('Account', '账户'), list: true, filter: ['eq', 'in'], relation: { resource: 'accounts', labelField: 'id' } },
    amount: { ...money, label: l('Amount', '金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    balance_after: { ...money, label: l('Balance after', '变动后余额'), list: true },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
