/**
 * The customer's own usage rows as a list: the fields a customer may see, filter and sort on
 * (never cost, margin, channel or the upstream request id), declared once for the list engine
 * (backend/engine/list.ts) so the portal's list and CSV export share one filter vocabulary with
 * the console's lists. Not registered as a console resource: it has no console routes.
 *
 * Filters: `model` (a model code, any of), `api_key_id` (one of the caller's keys, deleted ones
 * included; another customer's key is a 404), `status`, `started_at_gte/lte`, `request_id`.
 */
import db from '@adonisjs/lucid/services/db'
import type { ResourceDef } from '#engine/types'
import { USAGE_STATUSES } from '#contract/usage'
import { BadRequest, NotFound } from '#exceptions/domain_errors'
import { fromUnits } from '#services/ledger/amounts'

const label = (en: string, zh: string) => ({ 'en': en, 'zh-CN': zh })

export const portalUsage: ResourceDef = {
  name: 'portal-usage',
  label: label('Usage', '用量'),
  group: 'usage',
  table: 'usage_records',
  primaryKey: 'id',
  titleField: 'request_id',
  defaultSort: [{ field: 'started_at', order: 'desc' }],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: label('ID', 'ID'), sortable: true },
    started_at: { type: 'datetime', label: label('Time', '时间'), sortable: true, filter: ['gte', 'lte'] },
    request_id: { type: 'string', label: label('Request ID', '请求 ID'), filter: ['eq'] },
    api_key_id: { type: 'number', label: label('API key', 'API 密钥'), filter: ['eq'] },
    model_id: { type: 'number', label: label('Model', '模型'), filter: ['eq', 'in'] },
    status: { type: 'enum', label: label('Status', '状态'), options: [...USAGE_STATUSES], filter: ['eq', 'in'] },
    charged: { type: 'money', label: label('Charged', '扣费'), sortable: true },
    latency_ms: { type: 'number', label: label('Latency (ms)', '延迟（毫秒）'), sortable: true },
  },
}

/** Query keys the portal accepts (besides `_start`, `_end`, `_sort`, `_order`, `_tz`, `_lang`). */
const FILTERS = new Set(['model', 'api_key_id', 'status', 'started_at_gte', 'started_at_lte', 'request_id'])

/**
 * The caller's query in the list engine's terms: `model` codes become `model_id`s (a code no
 * model has matches nothing) and `api_key_id` must name one of the caller's own keys.
 */
export async function usageQuery(customerId: number, qs: Record<string, unknown>) {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(qs)) {
    if (key.startsWith('_')) out[key] = value
    else if (!FILTERS.has(key)) throw new BadRequest(`Unknown filter field "${key.replace(/_(ne|gte|lte|like)$/, '')}" on usage`)
    else if (key !== 'model') out[key] = value
  }
  if (qs.model !== undefined) {
    const codes = (Array.isArray(qs.model) ? qs.model : [qs.model]).map(String)
    if (codes.length > 100 || codes.some((c) => c.length > 100)) throw new BadRequest('Filter "model": too many or too long model codes')
    const ids = (await db.from('usage_models').whereIn('code', codes).select('id')).map((m) => String(m.id))
    out.model_id = ids.length ? ids : ['0']
  }
  if (qs.api_key_id !== undefined) await ownKeyId(customerId, qs.api_key_id)
  return out
}

/** The id of one of the caller's keys (deleted ones included); anything else is a 400 or a 404. */
export async function ownKeyId(customerId: number, value: unknown) {
  const id = typeof value === 'string' ? value : ''
  if (!/^\d{1,18}$/.test(id)) throw new BadRequest(`Filter "api_key_id": "${String(value).slice(0, 60)}" is not a key id`)
  const own = await db.from('api_keys').where({ id, customer_id: customerId }).first()
  if (!own) throw new NotFound('API key not found')
  return id
}

/** Rows for the customer: the key's prefix and name, the model's code and name, money as decimal strings. */
export async function presentUsage(rows: Array<Record<string, any>>) {
  const keyIds = [...new Set(rows.map((r) => r.api_key_id).filter((id) => id !== null))]
  const modelIds = [...new Set(rows.map((r) => r.model_id))]
  const [keys, models] = await Promise.all([
    keyIds.length ? db.from('api_keys').whereIn('id', keyIds).select('id', 'prefix', 'name') : [],
    modelIds.length ? db.from('usage_models').whereIn('id', modelIds).select('id', 'code', 'name') : [],
  ])
  const keyOf = new Map(keys.map((k) => [String(k.id), k]))
  const modelOf = new Map(models.map((m) => [String(m.id), m]))
  return rows.map((r) => {
    const key = r.api_key_id === null ? undefined : keyOf.get(String(r.api_key_id))
    const model = modelOf.get(String(r.model_id))
    return {
      id: Number(r.id),
      started_at: new Date(r.started_at).toISOString(),
      request_id: r.request_id as string,
      api_key_id: r.api_key_id === null ? null : Number(r.api_key_id),
      key_prefix: (key?.prefix as string | undefined) ?? null,
      key_name: (key?.name as string | undefined) ?? null,
      model: (model?.code as string | undefined) ?? null,
      model_name: (model?.name as string | undefined) ?? null,
      status: r.status as string,
      input_tokens: Number(r.input_tokens),
      output_tokens: Number(r.output_tokens),
      cache_read_tokens: Number(r.cache_read_tokens),
      cache_write_tokens: Number(r.cache_write_tokens),
      units: String(r.units),
      charged: fromUnits(r.charged),
      cache_savings: fromUnits(r.cache_savings),
      latency_ms: r.latency_ms === null ? null : Number(r.latency_ms),
    }
  })
}

export type PortalUsageRow = Awaited<ReturnType<typeof presentUsage>>[number]
