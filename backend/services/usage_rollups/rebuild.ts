/**
 * Recomputing and checking the usage rollups from the usage rows (`npm run ace -- usage:rollups`).
 *
 * A range is whole UTC days [from, to). The rebuild locks both rollup tables against ingestion
 * first (SHARE ROW EXCLUSIVE conflicts with the upsert's ROW EXCLUSIVE): a batch that already
 * added to the rollups has committed before the rebuild reads, and a batch still writing adds its
 * rows after the rebuild commits — neither is lost nor counted twice. Only DML, so the app role
 * runs it. Reading usage rows by `started_at` prunes the months outside the range.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { MEASURES } from './measures.js'

export type DayRange = { from: string; to: string } // YYYY-MM-DD, `to` exclusive

const columns = MEASURES.map(([name]) => name).join(', ')
const sums = MEASURES.map(([name, , sql]) => `${sql} AS ${name}`).join(', ')
const hourOf = "date_trunc('hour', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
const dayOf = "(started_at AT TIME ZONE 'UTC')::date"
const inRange = "started_at >= (?::date)::timestamp AT TIME ZONE 'UTC' AND started_at < (?::date)::timestamp AT TIME ZONE 'UTC'"

/** The rollup rows the usage rows of the range add up to (the same statements the migration backfills with). */
export const HOURLY_FROM_USAGE = `SELECT ${hourOf} AS bucket, customer_id, coalesce(api_key_id, 0) AS api_key_id, model_id, coalesce(channel_id, 0) AS channel_id, ${sums}
  FROM usage_records WHERE ${inRange} GROUP BY 1, 2, 3, 4, 5`
export const DAILY_FROM_USAGE = `SELECT ${dayOf} AS bucket, customer_id, model_id, coalesce(channel_id, 0) AS channel_id, ${sums}
  FROM usage_records WHERE ${inRange} GROUP BY 1, 2, 3, 4`

/** Replaces the rollups of the range with the sums of its usage rows; returns the rows written. Run in a transaction. */
export async function rebuildRollups(trx: QueryClientContract, range: DayRange) {
  await trx.rawQuery('LOCK TABLE usage_rollup_hourly, usage_rollup_daily IN SHARE ROW EXCLUSIVE MODE')
  await trx.rawQuery("DELETE FROM usage_rollup_hourly WHERE bucket >= (?::date)::timestamp AT TIME ZONE 'UTC' AND bucket < (?::date)::timestamp AT TIME ZONE 'UTC'", [range.from, range.to])
  await trx.rawQuery('DELETE FROM usage_rollup_daily WHERE bucket >= ?::date AND bucket < ?::date', [range.from, range.to])
  const hourly = await trx.rawQuery(`INSERT INTO usage_rollup_hourly (bucket, customer_id, api_key_id, model_id, channel_id, ${columns}) ${HOURLY_FROM_USAGE}`, [range.from, range.to])
  const daily = await trx.rawQuery(`INSERT INTO usage_rollup_daily (bucket, customer_id, model_id, channel_id, ${columns}) ${DAILY_FROM_USAGE}`, [range.from, range.to])
  return { hourly: hourly.rowCount as number, daily: daily.rowCount as number }
}

export type RollupMismatch = { table: 'hourly' | 'daily'; key: string; rollup: string | null; usage: string | null }

/** Every rollup row of the range that differs from the sums of its usage rows (none when they agree). */
export async function checkRollups(client: QueryClientContract, range: DayRange): Promise<RollupMismatch[]> {
  const measures = MEASURES.map(([name]) => name)
  const row = (alias: string) => `CASE WHEN ${alias}.customer_id IS NULL THEN NULL ELSE concat_ws(',', ${measures.map((m) => `${alias}.${m}`).join(', ')}) END`
  const compare = async (table: 'hourly' | 'daily', fromUsage: string, keys: string[], bucketRange: string) => {
    const on = keys.map((k) => `r.${k} = u.${k}`).join(' AND ')
    const { rows } = await client.rawQuery(
      `WITH u AS (${fromUsage}), r AS (SELECT * FROM usage_rollup_${table} WHERE ${bucketRange})
       SELECT concat_ws('/', ${keys.map((k) => `coalesce(r.${k}, u.${k})`).join(', ')}) AS key, ${row('r')} AS rollup, ${row('u')} AS usage
       FROM r FULL JOIN u ON ${on}
       WHERE r.customer_id IS NULL OR u.customer_id IS NULL OR (${measures.map((m) => `r.${m}`).join(', ')}) IS DISTINCT FROM (${measures.map((m) => `u.${m}`).join(', ')})
       ORDER BY 1 LIMIT 100`,
      [range.from, range.to, range.from, range.to]
    )
    return rows.map((r: { key: string; rollup: string | null; usage: string | null }) => ({ table, ...r }))
  }
  return [
    ...(await compare('hourly', HOURLY_FROM_USAGE, ['bucket', 'customer_id', 'api_key_id', 'model_id', 'channel_id'], "bucket >= (?::date)::timestamp AT TIME ZONE 'UTC' AND bucket < (?::date)::timestamp AT TIME ZONE 'UTC'")),
    ...(await compare('daily', DAILY_FROM_USAGE, ['bucket', 'customer_id', 'model_id', 'channel_id'], 'bucket >= ?::date AND bucket < ?::date')),
  ]
}

/** The UTC days that hold usage rows, as a range (null when there are none). */
export async function usageDayRange(client: QueryClientContract): Promise<DayRange | null> {
  const { rows } = await client.rawQuery(
    `SELECT (min(started_at) AT TIME ZONE 'UTC')::date::text AS first, ((max(started_at) AT TIME ZONE 'UTC')::date + 1)::text AS after FROM usage_records`
  )
  return rows[0].first ? { from: rows[0].first, to: rows[0].after } : null
}
