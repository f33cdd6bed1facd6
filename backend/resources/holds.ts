import creditdesk from '#config/creditdesk'
import { HOLD_STATUSES } from '#contract/usage'
import { defineResource } from '#engine/define_resource'
import type { FieldDef, Label } from '#engine/types'
import { l } from './_labels.js'

const money = (label: Label, list = true): FieldDef => ({ type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label, list })

/**
 * Credit holds of long jobs (issue 10 §4), read-only: balance reserved for a video or image job,
 * then captured (charged, the rest returned) or released — once. The platform places and settles
 * them through /api/internal/holds; an expired hold is released by a job.
 */
export default defineResource({
  name: 'holds',
  label: l('Credit holds', '额度冻结'),
  group: 'usage',
  icon: 'lock',
  menuOrder: 64,
  table: 'holds',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['status', 'customer_id', 'api_key_id', 'created_at', 'expires_at'],
  quickTabs: {
    field: 'status',
    tabs: HOLD_STATUSES.map(({ value, label }) => ({ key: value, label, values: [value] })),
  },
  totals: ['amount', 'captured'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'], searchable: true },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    api_key_id: { type: 'relation', label: l('API key', 'API Key'), list: true, filter: ['eq', 'in'], relation: { resource: 'api-keys', labelField: 'prefix' } },
    model_id: { type: 'relation', label: l('Model', '模型'), filter: ['eq', 'in'], relation: { resource: 'usage-models', labelField: 'code' } },
    units: { type: 'number', label: l('Units', '数量') },
    amount: { ...money(l('Held', '冻结金额')), sortable: true, filter: ['gte', 'lte'] },
    captured: money(l('Captured', '实际扣费')),
    from_cash: money(l('From balance', '来自余额'), false),
    from_gift: money(l('From vouchers', '来自代金券'), false),
    status: { type: 'enum', label: l('Status', '状态'), list: true, filter: ['eq', 'in'], options: HOLD_STATUSES },
    expires_at: { type: 'datetime', label: l('Expires', '到期时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    settled_at: { type: 'datetime', label: l('Settled', '结算时间'), list: true, filter: ['gte', 'lte'] },
    settled_by: { type: 'string', label: l('Settled by', '结算方式'), filter: ['eq'] },
    generation_id: {
      type: 'relation',
      label: l('Generation', '生成任务'),
      list: true,
      relation: { resource: 'generations', labelField: 'id' },
      sql: '(SELECT g.id FROM generations g WHERE g.hold_id = holds.id)',
    },
    idempotency_key: { type: 'string', label: l('Idempotency key', '幂等键'), filter: ['eq'] },
    hold_transaction_id: { type: 'relation', label: l('Hold transaction', '冻结流水'), relation: { resource: 'ledger-transactions', labelField: 'id' } },
    settle_transaction_id: { type: 'relation', label: l('Settlement transaction', '结算流水'), relation: { resource: 'ledger-transactions', labelField: 'id' } },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [
    { name: 'generations', label: l('Generation', '生成任务'), resource: 'generations', filterField: 'hold_id' },
  ],
})
