import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

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
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', '流水号'), list: true, sortable: true, filter: ['eq', 'in', 'gte', 'lte'], searchable: true },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    type: {
      type: 'enum',
      label: l('Type', '类型'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'recharge', label: l('Recharge', '充值'), color: 'green' },
        { value: 'redeem', label: l('Code redeemed', '兑换码'), color: 'cyan' },
        { value: 'voucher_grant', label: l('Voucher', '代金券'), color: 'magenta' },
        { value: 'voucher_expiry', label: l('Voucher expired', '代金券过期'), color: 'default' },
        { value: 'usage_charge', label: l('Usage', '消费扣费'), color: 'blue' },
        { value: 'refund', label: l('Refund', '退款'), color: 'orange' },
        { value: 'reversal', label: l('Reversal', '冲正'), color: 'red' },
        { value: 'dispute_hold', label: l('Dispute hold', '争议冻结'), color: 'volcano' },
        { value: 'dispute_release', label: l('Dispute released', '争议解冻'), color: 'lime' },
        { value: 'refund_hold', label: l('Refund hold', '退款冻结'), color: 'orange' },
        { value: 'refund_settle', label: l('Refund paid out', '退款完成'), color: 'purple' },
        { value: 'refund_release', label: l('Refund released', '退款解冻'), color: 'lime' },
        { value: 'correction', label: l('Correction', '对账更正'), color: 'red' },
      ],
    },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Amount', '金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    reference_type: { type: 'string', label: l('Reference type', '关联类型'), list: true, filter: ['eq', 'in'] },
    reference_id: { type: 'string', label: l('Reference', '关联单号'), list: true, filter: ['eq'], searchable: true },
    memo: { type: 'text', label: l('Memo', '备注'), list: true, searchable: true, filter: ['contains'] },
    actor_type: { type: 'string', label: l('Actor type', '操作者类型'), filter: ['eq'] },
    actor_id: { type: 'number', label: l('Actor', '操作者'), filter: ['eq'] },
    reverses_transaction_id: { type: 'relation', label: l('Reverses', '冲正原流水'), list: true, filter: ['eq'], relation: { resource: 'ledger-transactions', labelField: 'id' } },
    idempotency_key: { type: 'string', label: l('Idempotency key', '幂等键'), filter: ['eq'] },
  },
  relations: [{ name: 'entries', label: l('Entries', '分录'), resource: 'ledger-entries', filterField: 'transaction_id' }],
  actions: {
    reverse: {
      label: l('Reverse', '冲正'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      handler: () => import('#actions/ledger/reverse_ledger_transaction'),
    },
  },
})
