/** Rows of api_keys as read from the database, and what leaves the server about a key. */
import type { ApiKeyState, ApiKeyStatus } from '#contract/usage'
import { fromUnits } from '#services/ledger/amounts'
import { nextUtcDay, nextUtcMonth, type KeySpend } from './spend.js'

export type ApiKeyRow = {
  id: number | string
  customer_id: number | string
  /** In an organization: the member (person) the key is assigned to. */
  member_id: number | string | null
  name: string
  prefix: string
  status: ApiKeyStatus
  expires_at: Date | string | null
  allowed_models: string[] | null
  ip_allowlist: string[] | null
  rpm_limit: number | null
  tpm_limit: number | null
  daily_spend_cap: string | null
  monthly_spend_cap: string | null
  remark: string | null
  tags: string[]
  last_used_at: Date | string | null
  locked_at: Date | string | null
  locked_reason: string | null
  rolled_from_id: number | string | null
  rolled_at: Date | string | null
  deleted_at: Date | string | null
  created_at: Date | string
  updated_at: Date | string
}

/** Every column but the hash: the hash never leaves the database layer. */
export const KEY_COLUMNS = [
  'id', 'customer_id', 'member_id', 'name', 'prefix', 'status', 'expires_at', 'allowed_models', 'ip_allowlist', 'rpm_limit', 'tpm_limit',
  'daily_spend_cap', 'monthly_spend_cap', 'remark', 'tags', 'last_used_at', 'locked_at', 'locked_reason', 'rolled_from_id',
  'rolled_at', 'deleted_at', 'created_at', 'updated_at',
]

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())
const money = (units: string | bigint | null) => (units === null ? null : fromUnits(units))

/** What a key reads as: its stored status, or `expired` once an enabled key's expiry has passed. */
export function stateOf(row: Pick<ApiKeyRow, 'status' | 'expires_at'>, now = Date.now()): ApiKeyState {
  if (row.status === 'enabled' && row.expires_at !== null && new Date(row.expires_at).getTime() <= now) return 'expired'
  return row.status
}

/** A key as the portal shows it to its owner. */
export function presentKey(row: ApiKeyRow, spend: KeySpend = { today: 0n, month: 0n }, now = new Date()) {
  return {
    id: Number(row.id),
    member_id: row.member_id === null || row.member_id === undefined ? null : Number(row.member_id),
    name: row.name,
    prefix: row.prefix,
    status: row.status,
    state: stateOf(row, now.getTime()),
    expires_at: iso(row.expires_at),
    allowed_models: row.allowed_models ?? [],
    ip_allowlist: row.ip_allowlist ?? [],
    rpm_limit: row.rpm_limit,
    tpm_limit: row.tpm_limit,
    daily_spend_cap: money(row.daily_spend_cap),
    monthly_spend_cap: money(row.monthly_spend_cap),
    spend_today: fromUnits(spend.today),
    spend_month: fromUnits(spend.month),
    daily_resets_at: nextUtcDay(now).toISOString(),
    monthly_resets_at: nextUtcMonth(now).toISOString(),
    last_used_at: iso(row.last_used_at),
    created_at: iso(row.created_at)!,
    rolled_from_id: row.rolled_from_id === null ? null : Number(row.rolled_from_id),
  }
}

export type PresentedKey = ReturnType<typeof presentKey>

/** The values an audit row keeps of a key (no hash, no secret). */
export function auditView(row: ApiKeyRow) {
  const { updated_at, created_at, last_used_at, ...rest } = row
  return { ...rest, id: Number(row.id), customer_id: Number(row.customer_id), expires_at: iso(row.expires_at), locked_at: iso(row.locked_at), deleted_at: iso(row.deleted_at), rolled_at: iso(row.rolled_at) }
}
