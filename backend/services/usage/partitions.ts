/**
 * usage_records is partitioned by UTC month (migration 0052). `ensure_usage_partition(month)`
 * runs as the owner (SECURITY DEFINER), so the app role creates partitions without CREATE
 * rights. A daily job keeps the coming months ready; ingestion also ensures the months of the
 * records it writes (a late record, or a month the job has not reached), in one statement.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'

/** First day of each distinct UTC month, as YYYY-MM-01. */
export function monthsOf(times: Date[]): string[] {
  const months = new Set(times.map((t) => `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-01`))
  return [...months].sort()
}

export async function ensureUsagePartitions(client: QueryClientContract, months: string[]) {
  if (!months.length) return []
  const { rows } = await client.rawQuery('SELECT ensure_usage_partition(m) AS name FROM unnest(?::date[]) AS m', [months])
  return rows.map((r: { name: string }) => r.name)
}

/** This month and the `months` after it (the job `usage-partitions`, daily). */
export async function ensureUsagePartitionsAhead(months = 3, now = new Date(), client: QueryClientContract = db.connection()) {
  const wanted = Array.from({ length: months + 1 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1)))
  return ensureUsagePartitions(client, monthsOf(wanted))
}
