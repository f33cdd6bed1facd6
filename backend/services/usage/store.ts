/**
 * The statements of a usage batch, each one multi-row (arrays through `unnest`), so a batch of
 * 1,000 records costs a handful of statements, not thousands:
 *  - usage ids drawn from the table's sequence up front (the claim row names its usage row);
 *  - request ids claimed with one INSERT … ON CONFLICT DO NOTHING in sorted order (two batches
 *    claiming overlapping ids lock them in the same order, so they queue instead of deadlocking);
 *  - the usage rows, already linked to their ledger posting;
 *  - api_key_spend per key per UTC day, and api_keys.last_used_at.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { UsageRecordInput } from '#validators/usage'
import type { Priced } from './pricing.js'
import type { Resolved } from './catalog.js'

export type BillableRow = {
  usageId: string
  record: UsageRecordInput
  resolved: Resolved
  units: bigint
  priced: Priced
  transactionId: number | null
}

const BIGINT_MAX = 9223372036854775807n

export async function allocateUsageIds(trx: TransactionClientContract, count: number): Promise<string[]> {
  if (!count) return []
  const { rows } = await trx.rawQuery("SELECT nextval('usage_records_id_seq')::text AS id FROM generate_series(1, ?::int)", [count])
  return rows.map((r: { id: string }) => r.id)
}

/** Claims the rows' request ids; returns the ids this transaction now owns (the others were seen before). */
export async function claimRequestIds(trx: TransactionClientContract, rows: BillableRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set()
  const sorted = [...rows].sort((a, b) => (a.record.requestId < b.record.requestId ? -1 : a.record.requestId > b.record.requestId ? 1 : 0))
  const { rows: claimed } = await trx.rawQuery(
    `INSERT INTO usage_request_ids (request_id, usage_id, started_at, customer_id)
     SELECT * FROM unnest(?::text[], ?::bigint[], ?::timestamptz[], ?::bigint[])
     ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
    [
      sorted.map((r) => r.record.requestId),
      sorted.map((r) => r.usageId),
      sorted.map((r) => r.record.startedAt.toISOString()),
      sorted.map((r) => String(r.resolved.customerId)),
    ]
  )
  return new Set(claimed.map((r: { request_id: string }) => r.request_id))
}

const COLUMNS: Array<[string, string, (r: BillableRow) => string | number | null]> = [
  ['id', 'bigint', (r) => r.usageId],
  ['started_at', 'timestamptz', (r) => r.record.startedAt.toISOString()],
  ['request_id', 'text', (r) => r.record.requestId],
  ['customer_id', 'bigint', (r) => String(r.resolved.customerId)],
  ['api_key_id', 'bigint', (r) => (r.resolved.apiKeyId === null ? null : String(r.resolved.apiKeyId))],
  ['model_id', 'bigint', (r) => String(r.resolved.model.id)],
  ['channel_id', 'bigint', (r) => (r.resolved.channelId === null ? null : String(r.resolved.channelId))],
  ['price_version_id', 'bigint', (r) => String(r.resolved.version.id)],
  ['multiplier', 'numeric', (r) => r.resolved.multiplier],
  ['status', 'text', (r) => r.record.status],
  ['latency_ms', 'int', (r) => r.record.latencyMs],
  ['input_tokens', 'bigint', (r) => r.record.inputTokens.toString()],
  ['output_tokens', 'bigint', (r) => r.record.outputTokens.toString()],
  ['cache_read_tokens', 'bigint', (r) => r.record.cacheReadTokens.toString()],
  ['cache_write_tokens', 'bigint', (r) => r.record.cacheWriteTokens.toString()],
  ['units', 'numeric', (r) => unitsText(r.units)],
  ['input_charge', 'bigint', (r) => r.priced.inputCharge.toString()],
  ['output_charge', 'bigint', (r) => r.priced.outputCharge.toString()],
  ['cache_read_charge', 'bigint', (r) => r.priced.cacheReadCharge.toString()],
  ['cache_write_charge', 'bigint', (r) => r.priced.cacheWriteCharge.toString()],
  ['unit_charge', 'bigint', (r) => r.priced.unitCharge.toString()],
  ['charged', 'bigint', (r) => r.priced.charged.toString()],
  ['cost', 'bigint', (r) => r.priced.cost.toString()],
  ['margin', 'bigint', (r) => r.priced.margin.toString()],
  ['cache_savings', 'bigint', (r) => r.priced.cacheSavings.toString()],
  ['ledger_transaction_id', 'bigint', (r) => (r.transactionId === null ? null : String(r.transactionId))],
  ['upstream_request_id', 'text', (r) => r.record.upstreamRequestId],
  ['job_id', 'text', (r) => r.record.jobId],
]

const INSERT_ROWS = `INSERT INTO usage_records (${COLUMNS.map(([name]) => name).join(', ')})
  SELECT * FROM unnest(${COLUMNS.map(([, type]) => `?::${type}[]`).join(', ')})`

export async function insertUsageRows(trx: TransactionClientContract, rows: BillableRow[]) {
  if (!rows.length) return
  await trx.rawQuery(INSERT_ROWS, COLUMNS.map(([, , value]) => rows.map(value)) as any[])
}

/** units (10⁻⁶) as numeric text. */
function unitsText(units: bigint) {
  const digits = units.toString().padStart(7, '0')
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`
}

const tokensOf = (r: UsageRecordInput) => r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWriteTokens

/** Adds the rows to their keys' spend of each UTC day, and moves each key's last_used_at forward. */
export async function recordKeyUse(trx: TransactionClientContract, rows: BillableRow[]) {
  const spend = new Map<string, { keyId: number; day: string; amount: bigint; requests: number; tokens: bigint }>()
  const lastUsed = new Map<number, Date>()
  for (const row of rows) {
    const keyId = row.resolved.apiKeyId
    if (keyId === null) continue
    const day = row.record.startedAt.toISOString().slice(0, 10)
    const entry = spend.get(`${keyId}:${day}`) ?? spend.set(`${keyId}:${day}`, { keyId, day, amount: 0n, requests: 0, tokens: 0n }).get(`${keyId}:${day}`)!
    entry.amount += row.priced.charged
    entry.requests += 1
    entry.tokens += tokensOf(row.record)
    const seen = lastUsed.get(keyId)
    if (!seen || seen < row.record.startedAt) lastUsed.set(keyId, row.record.startedAt)
  }
  if (!spend.size) return
  const days = [...spend.values()].sort((a, b) => a.keyId - b.keyId || (a.day < b.day ? -1 : 1))
  // tokens only feed rate limits: they saturate instead of overflowing
  await trx.rawQuery(
    `INSERT INTO api_key_spend AS s (api_key_id, day, amount, requests, tokens)
     SELECT * FROM unnest(?::bigint[], ?::date[], ?::bigint[], ?::bigint[], ?::bigint[])
     ON CONFLICT (api_key_id, day) DO UPDATE SET amount = s.amount + EXCLUDED.amount, requests = s.requests + EXCLUDED.requests,
       tokens = LEAST(s.tokens::numeric + EXCLUDED.tokens, ${BIGINT_MAX})::bigint`,
    [
      days.map((d) => String(d.keyId)),
      days.map((d) => d.day),
      days.map((d) => d.amount.toString()),
      days.map((d) => String(d.requests)),
      days.map((d) => (d.tokens > BIGINT_MAX ? BIGINT_MAX : d.tokens).toString()),
    ]
  )
  const keys = [...lastUsed].sort(([a], [b]) => a - b)
  await trx.rawQuery(
    `UPDATE api_keys k SET last_used_at = v.at FROM unnest(?::bigint[], ?::timestamptz[]) AS v(id, at)
      WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.at)`,
    [keys.map(([id]) => String(id)), keys.map(([, at]) => at.toISOString())]
  )
}
