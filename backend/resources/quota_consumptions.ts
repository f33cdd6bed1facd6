import { QUOTA_FEATURES, QUOTA_REFUSALS } from '#contract/quotas'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/**
 * Quota usage records: every consume the platform sent (POST /api/internal/quota/consume), once
 * per request id, with the answer it got — counted, or refused (quota used up, no plan gives the
 * feature). Read-only.
 */
export default defineResource({
  name: 'quota-consumptions',
  label: l('Quota usage records', '配额使用记录'),
  group: 'quotas',
  icon: 'unordered-list',
  menuOrder: 72,
  table: 'quota_consumptions',
  titleField: 'request_id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['customer_id', 'feature', 'ok', 'code', 'created_at'],
  totals: ['amount'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    feature: { type: 'enum', label: l('Feature', '功能'), list: true, filter: ['eq', 'in'], options: QUOTA_FEATURES },
    amount: { type: 'number', label: l('Amount', '数量'), list: true, sortable: true, filter: ['gte', 'lte'] },
    ok: { type: 'boolean', label: l('Counted', '已计入'), list: true, filter: ['eq'] },
    code: { type: 'enum', label: l('Refusal', '拒绝原因'), list: true, filter: ['eq', 'in'], options: QUOTA_REFUSALS },
    request_id: { type: 'string', label: l('Request ID', '请求 ID'), list: true, searchable: true, filter: ['eq'] },
    period_start: { type: 'datetime', label: l('Period started', '所属周期开始'), filter: ['gte', 'lte'] },
    answer: { type: 'json', label: l('Answer given', '返回结果') },
  },
})
