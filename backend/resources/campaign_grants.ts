import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/**
 * What each voucher campaign granted, one row per (campaign, customer): the gift-balance
 * history of PRD §5 (source, type, amount, operator, remark). Read-only; filter by customer
 * for a customer's history, by campaign for a campaign's.
 */
export default defineResource({
  name: 'campaign-grants',
  label: l('Voucher grants', '代金券发放记录'),
  group: 'billing',
  icon: 'gift',
  menuOrder: 32,
  table: 'campaign_grants',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['customer_id', 'campaign_id', 'status', 'created_at'],
  totals: ['amount'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    campaign_id: { type: 'relation', label: l('Source campaign', '来源活动'), list: true, filter: ['eq', 'in'], relation: { resource: 'campaigns', labelField: 'name' } },
    status: {
      type: 'enum',
      label: l('Result', '结果'),
      list: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'granted', label: l('Granted', '已发放'), color: 'green' },
        { value: 'skipped', label: l('Skipped', '已跳过'), color: 'default' },
      ],
    },
    skip_reason: {
      type: 'enum',
      label: l('Why skipped', '跳过原因'),
      list: true,
      filter: ['eq'],
      options: [
        { value: 'frozen', label: l('Account frozen', '账户已冻结'), color: 'red' },
        { value: 'missing', label: l('Customer no longer exists', '用户不存在'), color: 'default' },
      ],
    },
    amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Amount', '金额'), list: true, sortable: true, filter: ['gte', 'lte'] },
    expires_at: { type: 'datetime', label: l('Expires', '过期时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    operator_id: { type: 'relation', label: l('Operator', '操作者'), list: true, filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    memo: { type: 'text', label: l('Remark', '备注'), list: true, searchable: true, filter: ['contains'] },
    transaction_id: { type: 'relation', label: l('Ledger transaction', '账务流水'), filter: ['eq'], relation: { resource: 'ledger-transactions', labelField: 'id' } },
    created_at: { type: 'datetime', label: l('Granted at', '发放时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
