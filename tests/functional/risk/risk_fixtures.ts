/** Helpers for the anomaly tests: hourly rollup rows written directly, models, keys and the rules. */
import db from '@adonisjs/lucid/services/db'
import { apiKey, uniq } from '#tests/support/usage_ingest'

export const HOUR = 3_600_000
/** A fixed moment: the window is [10:00, 11:00) of that day and the default baseline the 168 hours before. */
export const NOW = new Date('2026-06-15T10:20:00Z')
export const WINDOW_START = new Date('2026-06-15T10:00:00Z')
export const hoursBefore = (n: number) => new Date(WINDOW_START.getTime() - n * HOUR)

export async function model() {
  const code = `risk-${uniq()}`
  const [row] = await db.table('usage_models').insert({ code, name: code, vendor: 'Test', kind: 'text', billing_unit: 'per_1m_tokens' }).returning('id')
  return { id: Number(row.id), code }
}

export { apiKey }

export type RollupRow = { at: Date; customer: number; key?: number; model: number; requests?: number; charged?: bigint | number }

/** Hourly rollup rows, as ingestion would have left them (amounts in ledger units). */
export async function rollup(rows: RollupRow[]) {
  await db.table('usage_rollup_hourly').multiInsert(
    rows.map((r) => ({
      bucket: r.at,
      customer_id: r.customer,
      api_key_id: r.key ?? 0,
      model_id: r.model,
      channel_id: 0,
      requests: r.requests ?? 1,
      successes: r.requests ?? 1,
      charged: String(r.charged ?? 0),
      margin: String(r.charged ?? 0),
    }))
  )
}

/** One row per hour for `hours` hours before the window, each with the same figures. */
export function history(hours: number, row: Omit<RollupRow, 'at'>): RollupRow[] {
  return Array.from({ length: hours }, (_, i) => ({ ...row, at: hoursBefore(i + 1) }))
}

export const setRule = (kind: string, values: Record<string, unknown>) => db.from('risk_rules').where('kind', kind).update(values)

export const alertsOf = (customerId: number) => db.from('risk_alerts').where('customer_id', customerId).orderBy('id')
