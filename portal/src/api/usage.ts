import type { ApiKeyState } from '@creditdesk/contract/usage'
import { withActingOrg } from './acting'
import { http } from './client'
import type { DecimalString } from './types'

/** One of the customer's API keys (GET /keys). Money = decimal strings of the ledger's asset. */
export interface ApiKey {
  id: number
  name: string
  prefix: string
  status: string
  /** What the key reads as: its status, or `expired` once `expires_at` has passed (contract API_KEY_STATES). */
  state: ApiKeyState | (string & {})
  expires_at: string | null
  allowed_models: string[] | null
  ip_allowlist: string[] | null
  rpm_limit: number | null
  tpm_limit: number | null
  daily_spend_cap: DecimalString | null
  monthly_spend_cap: DecimalString | null
  spend_today: DecimalString
  spend_month: DecimalString
  daily_resets_at: string | null
  monthly_resets_at: string | null
  last_used_at: string | null
  created_at: string
  rolled_from_id: number | null
  /** in an organization: the member (person) the key is assigned to; their monthly cap applies */
  member_id?: number | null
}

/** What the create and edit forms send; `null` clears a limit. */
export interface ApiKeyInput {
  name: string
  expires_at?: string | null
  allowed_models?: string[] | null
  ip_allowlist?: string[] | null
  rpm_limit?: number | null
  tpm_limit?: number | null
  daily_spend_cap?: DecimalString | null
  monthly_spend_cap?: DecimalString | null
  /** an organization's admin reassigns a key to another member */
  member_id?: number | null
}

/** A key and its full secret: the only answer that ever carries the secret. */
export interface CreatedKey {
  key: ApiKey
  secret: string
}

export interface PortalModel {
  code: string
  name: string
  vendor: string
  kind: string
  billing_unit: string
}

/** The visible part of a key: "cd_AbC12345_…" (the rest is never stored). */
export function keyPrefixText(prefix: string | null | undefined): string {
  if (!prefix) return '—'
  return prefix.startsWith('cd_') ? `${prefix}…` : `cd_${prefix}_…`
}

const listOf = <T>(data: unknown): T[] => (Array.isArray(data) ? data : ((data as { data?: T[] })?.data ?? []))

export async function listKeys(): Promise<ApiKey[]> {
  const { data } = await http.get('/keys')
  return listOf<ApiKey>(data)
}

export async function createKey(input: ApiKeyInput): Promise<CreatedKey> {
  const { data } = await http.post<CreatedKey>('/keys', input)
  return data
}

export async function updateKey(id: number, input: Partial<ApiKeyInput>): Promise<ApiKey> {
  const { data } = await http.patch<{ key: ApiKey }>(`/keys/${id}`, input)
  return data.key
}

export async function setKeyEnabled(id: number, enabled: boolean): Promise<ApiKey> {
  const { data } = await http.post<{ key: ApiKey }>(`/keys/${id}/${enabled ? 'enable' : 'disable'}`)
  return data.key
}

/** A new secret with the same settings; the old one keeps working for `overlapMinutes` (0 = stops now). */
export async function rollKey(id: number, overlapMinutes: number): Promise<CreatedKey & { previous?: ApiKey }> {
  const { data } = await http.post<CreatedKey & { previous?: ApiKey }>(`/keys/${id}/roll`, { overlap_minutes: overlapMinutes })
  return data
}

export async function deleteKey(id: number): Promise<void> {
  await http.delete(`/keys/${id}`)
}

export async function listModels(): Promise<PortalModel[]> {
  const { data } = await http.get('/models')
  return listOf<PortalModel>(data)
}

/** One metered request of the customer's (GET /usage). */
export interface UsageRow {
  id: number
  started_at: string
  request_id: string
  api_key_id: number | null
  key_prefix: string | null
  key_name: string | null
  model: string | null
  model_name: string | null
  status: string
  input_tokens: number
  output_tokens: number
  cache_read_tokens: number
  cache_write_tokens: number
  units: string
  charged: DecimalString
  cache_savings: DecimalString
  latency_ms: number | null
}

export interface UsageQuery {
  start: number
  end: number
  models?: string[]
  apiKeyId?: number | null
  statuses?: string[]
  /** ISO timestamps, inclusive */
  from?: string | null
  to?: string | null
  requestId?: string
}

export interface UsageFigures {
  requests: number
  tokens: number
  charged: DecimalString
}

export interface UsageSummary {
  currency: string
  tz: string
  from: string
  to: string
  days: Array<UsageFigures & { date: string }>
  models: Array<UsageFigures & { model: string | null; name: string | null }>
  totals: UsageFigures
}

/** The filters of GET /usage and /usage/export (repeated `model=` and `status=` mean "any of"), newest first. */
export function usageParams(q: Omit<UsageQuery, 'start' | 'end'> & Partial<Pick<UsageQuery, 'start' | 'end'>>): URLSearchParams {
  const params = new URLSearchParams()
  if (q.start !== undefined) params.set('_start', String(q.start))
  if (q.end !== undefined) params.set('_end', String(q.end))
  params.set('_sort', 'started_at')
  params.set('_order', 'desc')
  for (const model of q.models ?? []) params.append('model', model)
  for (const status of q.statuses ?? []) params.append('status', status)
  if (q.apiKeyId) params.set('api_key_id', String(q.apiKeyId))
  if (q.from) params.set('started_at_gte', q.from)
  if (q.to) params.set('started_at_lte', q.to)
  const requestId = q.requestId?.trim()
  if (requestId) params.set('request_id', requestId)
  return params
}

export async function listUsage(q: UsageQuery): Promise<{ rows: UsageRow[]; total: number }> {
  const response = await http.get('/usage', { params: usageParams(q) })
  const rows = listOf<UsageRow>(response.data)
  const header = Number(response.headers['x-total-count'])
  return { rows, total: Number.isFinite(header) && response.headers['x-total-count'] !== undefined ? header : q.start + rows.length }
}

/** The CSV of every row the filters match, in the viewer's language and zone (a plain link: the browser downloads it). */
export function usageExportUrl(q: Omit<UsageQuery, 'start' | 'end'>, lang: string, tz: string): string {
  const params = usageParams(q)
  params.set('_lang', lang === 'zh-CN' ? 'zh-CN' : 'en')
  params.set('_tz', tz)
  return withActingOrg(`/api/portal/usage/export?${params.toString()}`)
}

/** GET /usage/summary: by day (in `tz`) and by model between two dates (inclusive); the current month by default. */
export async function fetchUsageSummary(q: { from?: string; to?: string; tz?: string; apiKeyId?: number | null }): Promise<UsageSummary> {
  const params = new URLSearchParams()
  if (q.from) params.set('from', q.from)
  if (q.to) params.set('to', q.to)
  if (q.tz) params.set('tz', q.tz)
  if (q.apiKeyId) params.set('api_key_id', String(q.apiKeyId))
  const { data } = await http.get<UsageSummary>('/usage/summary', { params })
  return data
}
