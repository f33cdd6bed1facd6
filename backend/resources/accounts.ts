import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }

/**
 * Ledger accounts: each customer's cash and gift buckets, arrears (what a customer owes: a
 * receivable, balance ≤ 0), and the platform's system accounts. Read-only.
 */
export default defineResource({
  name: 'accounts',
  label: l('Accounts', '账户余额'),
  group: 'billing',
  icon: 'wallet',
  menuOrder: 20,
  table: 'ledger_accounts',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['owner_id', 'code', 'owner_type', 'balance'],
  totals: ['balance'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, searchable: true, filter: ['eq', 'in'] },
    owner_type: {
      type: 'enum',
      label: l('Owner type', '所有者类型'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'customer', label: l('Customer', '用户'), color: 'blue' },
        { value: 'system', label: l('System', '系统'), color: 'default' },
      ],
    },
    owner_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    code: {
      type: 'enum',
      label: l('Bucket', '账户类型'),
      list: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'cash', label: l('Cash', '现金余额'), color: 'green' },
        { value: 'gift', label: l('Gift', '赠送余额'), color: 'magenta' },
        { value: 'held', label: l('On hold (jobs in progress)', '冻结中（任务预扣）'), color: 'gold' },
        { value: 'arrears', label: l('Arrears (owed, shown negative)', '欠款（负数为所欠金额）'), color: 'red' },
        { value: 'payment_clearing', label: l('Payment clearing', '支付清算'), color: 'default' },
        { value: 'promotion_expense', label: l('Promotion expense', '营销费用'), color: 'default' },
        { value: 'code_liability', label: l('Code liability', '兑换码负债'), color: 'default' },
        { value: 'usage_revenue', label: l('Usage revenue', '消费收入'), color: 'default' },
        { value: 'refunds', label: l('Refunds', '退款'), color: 'default' },
        { value: 'refund_pending', label: l('Refund pending', '退款冻结'), color: 'default' },
        { value: 'cash_adjustments', label: l('Cash adjustments', '余额调整'), color: 'default' },
      ],
    },
    asset: { type: 'string', label: l('Asset', '币种'), list: true, filter: ['eq'] },
    shard: { type: 'number', label: l('Shard', '分片'), filter: ['eq'] },
    balance: { ...money, label: l('Balance', '余额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    credit_limit: { ...money, label: l('Credit limit', '信用额度'), filter: ['gte', 'lte'] },
    updated_at: { type: 'datetime', label: l('Last movement', '最近变动'), list: true, sortable: true, filter: ['gte', 'lte'] },
    created_at: { type: 'datetime', label: l('Opened', '开户时间'), sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'entries', label: l('Entries', '分录'), resource: 'ledger-entries', filterField: 'account_id' }],
})
