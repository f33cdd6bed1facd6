/**
 * What the anomaly job reads: the risk rules, each subject's figures in a window and its
 * baseline from the hourly usage rollups (never the usage table), keys over their monthly cap
 * from the per-day key spend, and the model that carried most of a subject's window.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RiskAlertKind, RiskAlertSubject } from '#contract/risk'
import { utcMonthStart } from '#services/api_keys/spend'
import type { RiskRuleRow } from './rows.js'

const HOUR = 3_600_000

export type Metric = 'charged' | 'requests'
export const METRIC_OF: Record<'spend_spike' | 'request_spike', Metric> = { spend_spike: 'charged', request_spike: 'requests' }

export async function loadRules(client: QueryClientContract): Promise<Map<RiskAlertKind, RiskRuleRow>> {
  const rows: RiskRuleRow[] = await client.from('risk_rules').select('*')
  return new Map(rows.map((r) => [r.kind, r]))
}

/** The window ending with the hour in progress (`now`'s hour included), and the baseline before it. */
export function windowsAt(now: Date, windowMinutes: number, baselineHours: number) {
  const end = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR)
  const start = new Date(end.getTime() - windowMinutes * 60_000)
  const baselineStart = new Date(start.getTime() - baselineHours * HOUR)
  return { start, end, baselineStart }
}

export type SubjectFigures = { subjectId: number; customerId: number; observed: bigint; total: bigint }

/**
 * Subjects with at least `atLeast` of the metric in [start, end), with their sum over
 * [baselineStart, start). Keys are the rollup rows with a key (api_key_id <> 0); a customer's
 * figures include its usage billed without a key.
 */
export async function subjectFigures(
  client: QueryClientContract,
  subject: RiskAlertSubject,
  metric: Metric,
  w: { start: Date; end: Date; baselineStart: Date },
  atLeast: bigint
): Promise<SubjectFigures[]> {
  const column = subject === 'api_key' ? 'api_key_id' : 'customer_id'
  const keyed = subject === 'api_key' ? 'AND api_key_id <> 0' : ''
  const { rows } = await client.rawQuery(
    `WITH observed AS (
       SELECT ${column} AS subject_id, min(customer_id) AS customer_id, sum(${metric}) AS observed
         FROM usage_rollup_hourly
        WHERE bucket >= ? AND bucket < ? ${keyed}
        GROUP BY ${column}
       HAVING sum(${metric}) >= ? AND sum(${metric}) > 0
     ), history AS (
       SELECT ${column} AS subject_id, sum(${metric}) AS total
         FROM usage_rollup_hourly
        WHERE ${column} IN (SELECT subject_id FROM observed) AND bucket >= ? AND bucket < ?
        GROUP BY ${column}
     )
     SELECT o.subject_id, o.customer_id, o.observed, coalesce(h.total, 0) AS total
       FROM observed o LEFT JOIN history h USING (subject_id)
      ORDER BY o.subject_id`,
    [w.start, w.end, atLeast.toString(), w.baselineStart, w.start]
  )
  return rows.map((r: any) => ({ subjectId: Number(r.subject_id), customerId: Number(r.customer_id), observed: BigInt(r.observed), total: BigInt(r.total) }))
}

export type CapOverrun = { keyId: number; customerId: number; cap: bigint; spend: bigint; monthStart: Date; monthEnd: Date }

/** Keys whose spend this UTC month (api_key_spend) is above their monthly cap. */
export async function capOverruns(client: QueryClientContract, now: Date): Promise<CapOverrun[]> {
  const monthStart = new Date(`${utcMonthStart(now)}T00:00:00Z`)
  const monthEnd = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 1))
  const { rows } = await client.rawQuery(
    `SELECT k.id, k.customer_id, k.monthly_spend_cap, s.spend
       FROM api_keys k
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(amount), 0) AS spend FROM api_key_spend
         WHERE api_key_id = k.id AND day >= ?::date AND day < ?::date
      ) s
      WHERE k.monthly_spend_cap IS NOT NULL AND s.spend > k.monthly_spend_cap
      ORDER BY k.id`,
    [utcMonthStart(monthStart), utcMonthStart(monthEnd)]
  )
  return rows.map((r: any) => ({ keyId: Number(r.id), customerId: Number(r.customer_id), cap: BigInt(r.monthly_spend_cap), spend: BigInt(r.spend), monthStart, monthEnd }))
}

/** The model with the most of `metric` for the subject in [start, end) (ties: the lower id), or null. */
export async function topModel(client: QueryClientContract, subject: RiskAlertSubject, subjectId: number, metric: Metric, start: Date, end: Date) {
  const column = subject === 'api_key' ? 'api_key_id' : 'customer_id'
  const row = await client
    .from('usage_rollup_hourly')
    .where(column, subjectId)
    .where('bucket', '>=', start)
    .where('bucket', '<', end)
    .groupBy('model_id')
    .select('model_id')
    .orderByRaw(`sum(${metric}) DESC, model_id ASC`)
    .first()
  return row ? Number(row.model_id) : null
}

/** Whether the subject still has an alert of this kind that nobody resolved (spikes: one open story at a time). */
export async function hasUnresolved(client: QueryClientContract, kind: RiskAlertKind, subject: RiskAlertSubject, subjectId: number) {
  const row = await client.from('risk_alerts').where({ kind, subject_type: subject, subject_id: subjectId }).whereNot('status', 'resolved').select('id').first()
  return !!row
}
