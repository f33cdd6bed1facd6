import creditdesk from '#config/creditdesk'
import { LEDGER_TYPE_NAMES, LEDGER_TYPES } from '#contract/ledger_types'
import { defineResource } from '#engine/define_resource'
import { STAFF_REVERSIBLE_TYPES } from '#services/ledger/reversible'
import type { Label } from '#engine/types'
import { l } from './_labels.js'

/**
 * What a transaction's reference points at (`reference: { type, id }` where it is posted), with the
 * resource whose title labels the id. A voucher granted by hand references the customer; a gift
 * lot has no screen of its own, so its id stays bare.
 */
const REFERENCE_TYPES: Record<string, { label: Label; resource?: string }> = {
  order: { label: l('Order', '订单'), resource: 'orders' },
  refund: { label: l('Refund', '退款'), resource: 'refunds' },
  transaction: { label: l('Ledger transaction', '账务流水'), resource: 'ledger-transactions' },
  account: { label: l('Account', '账户'), resource: 'accounts' },
  campaign: { label: l('Voucher campaign', '代金券活动'), resource: 'campaigns' },
  cash_adjustment: { label: l('Cash adjustment', '余额调整'), resource: 'cash-adjustments' },
  redemption_code: { label: l('Redemption code', '兑换码'), resource: 'redemption-codes' },
  manual: { label: l('Manual grant', '人工发放'), resource: 'users' },
  gift_lot: { label: l('Voucher lot', '代金券批次') },
  hold: { label: l('Credit hold', '额度冻结'), resource: 'holds' },
  generation: { label: l('Generation', '生成任务'), resource: 'generations' },
}
const REFERENCE_RESOURCES = Object.fromEntries(
  Object.entries(REFERENCE_TYPES).flatMap(([type, { resource }]) => (resource ? [[type, resource]] : []))
)

/** Ledger transactions (read-only). Corrections are reversals: a compensating transaction, finance only. */
export default defineResource({
  name: 'ledger-transactions',
  label: l('Ledger', '账务流水'),
  group: 'billing',
  icon: 'transaction',
  menuOrder: 21,
  table: 'ledger_transactions',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['type', 'customer_id', 'created_at', 'reference_id', 'amount'],
  totals: ['amount'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', '流水号'), list: true, sortable: true, filter: ['eq', 'in', 'gte', 'lte'], searchable: true },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    type: {
      type: 'enum',
      label: l('Type', '类型'),
      list: true,
      filter: ['eq', 'in'],
      options: LEDGER_TYPE_NAMES.map((value) => ({ value, label: LEDGER_TYPES[value].label, color: LEDGER_TYPES[value].color })),
    },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Amount', '金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    reference_type: {
      type: 'enum',
      label: l('Reference type', '关联类型'),
      list: true,
      filter: ['eq', 'in'],
      options: Object.entries(REFERENCE_TYPES).map(([value, { label }]) => ({ value, label })),
    },
    reference_id: {
      type: 'string',
      label: l('Reference', '关联单号'),
      list: true,
      filter: ['eq'],
      searchable: true,
      labelBy: { typeField: 'reference_type', resources: REFERENCE_RESOURCES },
    },
    memo: { type: 'text', label: l('Memo', '备注'), list: true, searchable: true, filter: ['contains'] },
    actor_type: { type: 'string', label: l('Actor type', '操作者类型'), filter: ['eq'] },
    actor_id: { type: 'number', label: l('Actor', '操作者'), filter: ['eq'], labelBy: { typeField: 'actor_type', resources: { staff: 'staff', customer: 'users' } } },
    reverses_transaction_id: { type: 'relation', label: l('Reverses', '冲正原流水'), list: true, filter: ['eq'], relation: { resource: 'ledger-transactions', labelField: 'id' } },
    idempotency_key: { type: 'string', label: l('Idempotency key', '幂等键'), filter: ['eq'] },
  },
  relations: [
    { name: 'entries', label: l('Entries', '分录'), resource: 'ledger-entries', filterField: 'transaction_id' },
    // the usage rows one batch's usage_charge paid for
    { name: 'usage', label: l('Usage records', '消费明细'), resource: 'usage-records', filterField: 'ledger_transaction_id' },
  ],
  actions: {
    reverse: {
      label: l('Reverse', '冲正'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      // the server refuses the others too (services/ledger/reversible.ts)
      when: { field: 'type', in: [...STAFF_REVERSIBLE_TYPES] },
      handler: () => import('#actions/ledger/reverse_ledger_transaction'),
    },
  },
})
