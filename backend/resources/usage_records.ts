import creditdesk from '#config/creditdesk'
import { USAGE_STATUSES } from '#contract/usage'
import { defineResource } from '#engine/define_resource'
import type { FieldDef, Label } from '#engine/types'
import { l } from './_labels.js'

const money = (label: Label, list = true): FieldDef => ({ type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label, list })
const tokens = (label: Label): FieldDef => ({ type: 'number', label, list: true })
const dimension = (label: Label, resource: string, labelField: string): FieldDef => ({
  type: 'relation',
  label,
  list: true,
  filter: ['eq', 'in'],
  relation: { resource, labelField },
})

/**
 * The consumption detail (admin-prd §8, issue 10 §5): one row per metered request, read-only.
 *
 * The table is partitioned by month on `started_at`, so every screen filters by a time range
 * (the planner then reads only the months it names) and sorts by time, the one order the
 * indexes serve for every dimension (customer, key, model and channel indexes all end in
 * `started_at`). A typed search is an exact request id or upstream request id, looked up through
 * their own indexes — never a substring scan over months of rows.
 *
 * Totals (summary endpoint) sum the filtered rows themselves, so they equal the detail and its
 * export by construction (tokens in and out too; every token count per group is in GET /api/admin/usage/grouped).
 */
export default defineResource({
  name: 'usage-records',
  label: l('Consumption detail', '消费明细'),
  group: 'usage',
  icon: 'unordered-list',
  menuOrder: 62,
  table: 'usage_records',
  titleField: 'request_id',
  defaultSort: [{ field: 'started_at', order: 'desc' }],
  primaryFilters: ['started_at', 'customer_id', 'model_id', 'channel_id', 'api_key_id', 'status'],
  totals: ['charged', 'cost', 'margin', 'cache_savings', 'input_tokens', 'output_tokens'],
  operations: { create: false, edit: false, delete: false, export: true },
  exactSearch: (typed) => {
    const text = typed.trim()
    if (!text || text.length > 200) return null
    return [
      { column: 'request_id', value: text },
      { column: 'upstream_request_id', value: text },
    ]
  },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), filter: ['eq'] },
    started_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    customer_id: dimension(l('Customer', '用户'), 'users', 'email'),
    api_key_id: dimension(l('Key prefix', 'Key 前缀'), 'api-keys', 'prefix'),
    model_id: dimension(l('Model', '模型'), 'usage-models', 'code'),
    channel_id: dimension(l('Channel', '渠道'), 'channels', 'name'),
    // status and money right after who and what: an operator reads charge, cost and margin without scrolling
    status: { type: 'enum', label: l('Status', '状态'), list: true, filter: ['eq', 'in'], options: USAGE_STATUSES },
    charged: { ...money(l('Charged', '扣费金额')), filter: ['gte', 'lte'] },
    cost: money(l('Provider cost', '供应商成本')),
    margin: money(l('Margin', '毛利')),
    cache_savings: money(l('Cache savings', '缓存节约')),
    input_tokens: tokens(l('Input tokens', '输入 Tokens')),
    output_tokens: tokens(l('Output tokens', '输出 Tokens')),
    cache_read_tokens: tokens(l('Cache read tokens', '缓存读取 Tokens')),
    cache_write_tokens: tokens(l('Cache write tokens', '缓存写入 Tokens')),
    units: { type: 'number', label: l('Billed units', '计费数量'), list: true, help: l('Seconds, images or requests for models not billed by token', '非按 Token 计费模型的秒数、张数或次数') },
    price_version_id: {
      type: 'relation',
      label: l('Price version', '价格版本'),
      list: true,
      filter: ['eq'],
      relation: { resource: 'price-versions', labelField: 'version' },
      help: l('The sell-price version in force at the request time; the multiplier applies on top', '请求时生效的售价版本；倍率在其上叠加'),
    },
    multiplier: { type: 'number', label: l('Multiplier', '倍率'), list: true },
    latency_ms: { type: 'number', label: l('Latency (ms)', '延迟（毫秒）'), list: true, filter: ['gte', 'lte'] },
    request_id: { type: 'string', label: l('Request ID', '请求 ID'), list: true, filter: ['eq'] },
    upstream_request_id: { type: 'string', label: l('Upstream request ID', '上游请求 ID'), list: true, filter: ['eq'] },
    input_charge: money(l('Input charge', '输入费用'), false),
    output_charge: money(l('Output charge', '输出费用'), false),
    cache_read_charge: money(l('Cache read charge', '缓存读取费用'), false),
    cache_write_charge: money(l('Cache write charge', '缓存写入费用'), false),
    unit_charge: money(l('Unit charge', '按量费用'), false),
    job_id: { type: 'string', label: l('Job ID', '任务 ID'), filter: ['eq'] },
    hold_id: { type: 'relation', label: l('Hold', '冻结单'), filter: ['eq'], relation: { resource: 'holds', labelField: 'id' } },
    ledger_transaction_id: {
      type: 'relation',
      label: l('Ledger transaction', '账务流水'),
      filter: ['eq'],
      relation: { resource: 'ledger-transactions', labelField: 'id' },
    },
    created_at: { type: 'datetime', label: l('Recorded', '入账时间') },
  },
})
