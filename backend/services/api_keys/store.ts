/**
 * Writing api_keys rows: the owner's key locked for a change, a new key (also the product of a
 * roll), a change of columns. Every write also drops the key from this process's verify cache
 * once it commits; other processes hear of it through the table's NOTIFY trigger.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Conflict, NotFound } from '#exceptions/domain_errors'
import { KEY_COLUMNS, type ApiKeyRow } from './rows.js'
import { newKey } from './key_material.js'
import { verifyCache } from './verify_cache.js'
// live keys a customer may hold (not deleted, not past their expiry): its effective tier's max_keys
import { maxKeysFor } from '#services/tiers/max_keys'

/** A customer's own key (not deleted), locked; another customer's id is a 404 like a missing one. */
export async function ownKeyForUpdate(trx: TransactionClientContract, customerId: number, keyId: number): Promise<ApiKeyRow> {
  const row = await trx.from('api_keys').where({ id: keyId, customer_id: customerId }).whereNull('deleted_at').forUpdate().select(KEY_COLUMNS).first()
  if (!row) throw new NotFound('API key not found')
  return row
}

/** Serialises a customer's key creations, then refuses one past its tier's max_keys (409). */
export async function assertRoomForKey(trx: TransactionClientContract, customerId: number) {
  await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtextextended('api_keys:' || ?::text, 0))`, [customerId])
  const { rows } = await trx.rawQuery(
    'SELECT count(*)::int AS n FROM api_keys WHERE customer_id = ? AND deleted_at IS NULL AND (expires_at IS NULL OR expires_at > now())',
    [customerId]
  )
  const max = await maxKeysFor(trx, customerId)
  if (rows[0].n >= max) throw new Conflict(`This account's tier allows at most ${max} live API keys; delete one first`)
}

/** Inserts a key with fresh material; returns the row and the full key (shown once). */
export async function insertKey(trx: TransactionClientContract, values: Record<string, unknown>): Promise<{ row: ApiKeyRow; secret: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const material = newKey()
    const columns: Record<string, unknown> = { ...values, prefix: material.prefix, secret_hash: material.hash }
    const names = Object.keys(columns)
    const { rows } = await trx.rawQuery(
      `INSERT INTO api_keys (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})
       ON CONFLICT (prefix) DO NOTHING RETURNING ${KEY_COLUMNS.join(', ')}`,
      names.map((n) => columns[n] as any)
    )
    if (rows[0]) return { row: rows[0], secret: material.key }
  }
  throw new Conflict('Could not pick a unique key prefix; try again')
}

/** Updates a key's columns; returns the new row. */
export async function updateKey(trx: TransactionClientContract, id: number | string, values: Record<string, unknown>): Promise<ApiKeyRow> {
  const [row] = await trx.from('api_keys').where('id', id).update({ ...values, updated_at: new Date() }).returning(KEY_COLUMNS)
  dropAfterCommit(trx, id)
  return row
}

/** This process stops trusting its cached copy of the key as soon as the change commits. */
export function dropAfterCommit(trx: TransactionClientContract, id: number | string) {
  trx.after('commit', () => verifyCache.dropKey(Number(id)))
}

/** The settings a rolled key carries over from the key it replaces. */
export function carriedSettings(row: ApiKeyRow) {
  return {
    customer_id: row.customer_id,
    member_id: row.member_id,
    name: row.name,
    // an expiry already past is not carried: the new key would be born expired
    expires_at: row.expires_at !== null && new Date(row.expires_at).getTime() > Date.now() ? row.expires_at : null,
    allowed_models: row.allowed_models,
    ip_allowlist: row.ip_allowlist,
    rpm_limit: row.rpm_limit,
    tpm_limit: row.tpm_limit,
    daily_spend_cap: row.daily_spend_cap,
    monthly_spend_cap: row.monthly_spend_cap,
    remark: row.remark,
    tags: row.tags,
    rolled_from_id: row.id,
  }
}

/** Enables or disables a key; a locked key only changes through staff's unlock. Unchanged: the row as it is. */
export async function setEnabled(trx: TransactionClientContract, row: ApiKeyRow, enabled: boolean): Promise<{ row: ApiKeyRow; changed: boolean }> {
  if (row.status === 'locked') throw new Conflict('This key is locked for security; roll it or create a new key (staff can unlock it)')
  const status = enabled ? 'enabled' : 'disabled'
  if (row.status === status) return { row, changed: false }
  return { row: await updateKey(trx, row.id, { status }), changed: true }
}

/**
 * Retires a key after `overlapMinutes` (0 = now) by setting its expiry, never later than the
 * expiry it already had; marks it rolled.
 */
export async function retireKey(trx: TransactionClientContract, row: ApiKeyRow, overlapMinutes: number) {
  const now = Date.now()
  let until = new Date(now + overlapMinutes * 60_000)
  if (row.expires_at !== null && new Date(row.expires_at).getTime() < until.getTime()) until = new Date(row.expires_at)
  return updateKey(trx, row.id, { expires_at: until, rolled_at: new Date(now) })
}

/** Roll overlap: whole minutes from 0 (the old key stops now) to 7 days. */
export const MAX_OVERLAP_MINUTES = 10_080
