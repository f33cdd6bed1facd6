/**
 * Spend per key (api_key_spend, one row per key per UTC day, kept by usage ingestion) and the
 * times the daily and monthly caps reset: the next UTC midnight and the first of the next UTC month.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

export type KeySpend = { today: bigint; month: bigint }

const pad = (n: number) => String(n).padStart(2, '0')
export const utcDay = (at: Date) => `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`
export const utcMonthStart = (at: Date) => `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-01`
export const nextUtcDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1))
export const nextUtcMonth = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))

/** Today's and this month's spend of each key of `where` (a customer's keys or a list of ids). */
export async function spendOf(client: QueryClientContract, where: { customerId: number } | { keyIds: number[] }, now = new Date()) {
  const today = utcDay(now)
  const byKey = new Map<number, KeySpend>()
  if ('keyIds' in where && where.keyIds.length === 0) return byKey
  const filter = 'customerId' in where ? 's.api_key_id IN (SELECT id FROM api_keys WHERE customer_id = ?)' : 's.api_key_id = ANY(?::bigint[])'
  const { rows } = await client.rawQuery(
    `SELECT s.api_key_id AS id, coalesce(sum(s.amount) FILTER (WHERE s.day = ?::date), 0) AS today, sum(s.amount) AS month
       FROM api_key_spend s WHERE ${filter} AND s.day >= ?::date GROUP BY s.api_key_id`,
    [today, 'customerId' in where ? where.customerId : where.keyIds, utcMonthStart(now)]
  )
  for (const r of rows) byKey.set(Number(r.id), { today: BigInt(r.today), month: BigInt(r.month) })
  return byKey
}
