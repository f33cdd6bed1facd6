/**
 * Adds a billed batch to the usage rollups (migration 0054) in the ingesting transaction, so a
 * rollup row is always exactly the sum of the usage rows it covers: the batch is summed in memory
 * per rollup key, then one multi-row upsert per table adds the sums (`x = t.x + EXCLUDED.x`).
 * Rows are upserted in primary-key order, so two batches touching the same keys lock them in the
 * same order and queue instead of deadlocking.
 *
 * Buckets are UTC hours and UTC days of each record's own `started_at` (a late record lands in
 * its own hour). A request with no key or no channel is filed under key 0 / channel 0.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BillableRow } from '#services/usage/store'
import { MEASURES, emptyMeasures, unitsText, type Measures } from './measures.js'

type Key = { bucket: string; customerId: number; apiKeyId: number; modelId: number; channelId: number }
type Entry = Key & { m: Measures }

function addRow(m: Measures, row: BillableRow) {
  const { record, priced } = row
  m.requests += 1n
  if (record.status === 'success') m.successes += 1n
  if (record.status === 'error') m.errors += 1n
  m.input_tokens += record.inputTokens
  m.output_tokens += record.outputTokens
  m.cache_read_tokens += record.cacheReadTokens
  m.cache_write_tokens += record.cacheWriteTokens
  m.units += row.units
  m.charged += priced.charged
  m.cost += priced.cost
  m.margin += priced.margin
  m.cache_savings += priced.cacheSavings
  m.latency_ms_sum += BigInt(record.latencyMs ?? 0)
}

const compareKeys = (a: Key, b: Key) =>
  (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0) || a.customerId - b.customerId || a.apiKeyId - b.apiKeyId || a.modelId - b.modelId || a.channelId - b.channelId

function summed(rows: BillableRow[], keyOf: (row: BillableRow) => Key): Entry[] {
  const entries = new Map<string, Entry>()
  for (const row of rows) {
    const key = keyOf(row)
    const id = `${key.bucket}|${key.customerId}|${key.apiKeyId}|${key.modelId}|${key.channelId}`
    let entry = entries.get(id)
    if (!entry) entries.set(id, (entry = { ...key, m: emptyMeasures() }))
    addRow(entry.m, row)
  }
  return [...entries.values()].sort(compareKeys)
}

const measureColumns = MEASURES.map(([name]) => name)
const measureArrays = MEASURES.map(([, type]) => `?::${type}[]`)
const adding = measureColumns.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')
const measureValues = (entries: Entry[]) => MEASURES.map(([name]) => entries.map((e) => (name === 'units' ? unitsText(e.m.units) : e.m[name].toString())))

const UPSERT_HOURLY = `INSERT INTO usage_rollup_hourly AS t (bucket, customer_id, api_key_id, model_id, channel_id, ${measureColumns.join(', ')})
  SELECT * FROM unnest(?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ${measureArrays.join(', ')})
  ON CONFLICT (bucket, customer_id, api_key_id, model_id, channel_id) DO UPDATE SET ${adding}`

const UPSERT_DAILY = `INSERT INTO usage_rollup_daily AS t (bucket, customer_id, model_id, channel_id, ${measureColumns.join(', ')})
  SELECT * FROM unnest(?::date[], ?::bigint[], ?::bigint[], ?::bigint[], ${measureArrays.join(', ')})
  ON CONFLICT (bucket, customer_id, model_id, channel_id) DO UPDATE SET ${adding}`

/** Adds the billed rows of a batch to both rollups (call after inserting the usage rows, same transaction). */
export async function addToRollups(trx: TransactionClientContract, rows: BillableRow[]) {
  if (!rows.length) return
  const base = (row: BillableRow) => ({ customerId: row.resolved.customerId, modelId: row.resolved.model.id, channelId: row.resolved.channelId ?? 0 })
  const hourly = summed(rows, (row) => ({ ...base(row), bucket: `${row.record.startedAt.toISOString().slice(0, 13)}:00:00Z`, apiKeyId: row.resolved.apiKeyId ?? 0 }))
  const daily = summed(rows, (row) => ({ ...base(row), bucket: row.record.startedAt.toISOString().slice(0, 10), apiKeyId: 0 }))
  const ids = (entries: Entry[], pick: (e: Entry) => number) => entries.map((e) => String(pick(e)))
  await trx.rawQuery(UPSERT_HOURLY, [
    hourly.map((e) => e.bucket),
    ids(hourly, (e) => e.customerId),
    ids(hourly, (e) => e.apiKeyId),
    ids(hourly, (e) => e.modelId),
    ids(hourly, (e) => e.channelId),
    ...measureValues(hourly),
  ])
  await trx.rawQuery(UPSERT_DAILY, [
    daily.map((e) => e.bucket),
    ids(daily, (e) => e.customerId),
    ids(daily, (e) => e.modelId),
    ids(daily, (e) => e.channelId),
    ...measureValues(daily),
  ])
}
