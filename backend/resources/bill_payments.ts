import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/** Payments applied to bills, read-only: one per credited order with a bill (card or offline). */
export default defineResource({
  name: 'bill-payments',
  label: l('Bill payments', '账单付款'),
  group: 'billing',
  icon: 'credit-card',
  menuOrder: 25,
  table: 'bill_payments',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['bill_id', 'order_id', 'created_at'],
  totals: ['amount'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    bill_id: { type: 'relation', label: l('Bill', '账单'), list: true, filter: ['eq', 'in'], relation: { resource: 'bills', labelField: 'number' } },
    order_id: { type: 'relation', label: l('Order', '充值订单'), list: true, filter: ['eq', 'in'], relation: { resource: 'orders', labelField: 'number' } },
    amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Amount applied', '抵扣账单金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    ledger_transaction_id: { type: 'relation', label: l('Recharge transaction', '充值流水'), list: true, relation: { resource: 'ledger-transactions', labelField: 'id' } },
    created_at: { type: 'datetime', label: l('Applied', '入账时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
