/**
 * A customer's quotas at a moment: the active plans' quotas (limits of the same feature and
 * period added up, unlimited when any plan says so), each with its current period in the
 * customer's time zone and what was used in it. The rules live in SQL (migration 0056:
 * `customer_quota_limits`, `quota_period_start/end`) so the console's overview, the portal and
 * consume read the same figures.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { QuotaPeriod, QuotaStateWire } from '#contract/quotas'

export type QuotaState = {
  feature: string
  period: QuotaPeriod
  limit: bigint | null
  used: bigint
  periodStart: Date
  resetsAt: Date | null
  plan: { id: number; name: string } | null
}

const PERIOD_ORDER = `array_position(ARRAY['daily', 'monthly', 'lifetime'], l.period)`

/** The customer's quotas at `at` (all features, or one), shortest period first. */
export async function quotaStates(client: QueryClientContract, customerId: number, at: Date, feature?: string): Promise<QuotaState[]> {
  const { rows } = await client.rawQuery(
    `SELECT l.feature, l.period, l.quota_limit, l.plan_id, p.name AS plan_name,
            quota_period_start(l.period, c.time_zone, :at) AS period_start,
            quota_period_end(l.period, c.time_zone, :at) AS resets_at,
            COALESCE(qc.used, 0) AS used
       FROM customer_quota_limits(:at, :customer) l
       JOIN customers c ON c.id = l.customer_id
       JOIN plans p ON p.id = l.plan_id
       LEFT JOIN quota_counters qc
              ON qc.customer_id = l.customer_id AND qc.feature = l.feature AND qc.period = l.period
             AND qc.period_start = quota_period_start(l.period, c.time_zone, :at)
      WHERE (CAST(:feature AS text) IS NULL OR l.feature = :feature)
      ORDER BY l.feature, ${PERIOD_ORDER}`,
    { at, customer: customerId, feature: feature ?? null } as Record<string, any>
  )
  return rows.map((r: any) => ({
    feature: r.feature,
    period: r.period,
    limit: r.quota_limit === null ? null : BigInt(r.quota_limit),
    used: BigInt(r.used),
    periodStart: r.period_start,
    resetsAt: r.resets_at,
    plan: { id: Number(r.plan_id), name: r.plan_name },
  }))
}

export function remainingOf(state: Pick<QuotaState, 'limit' | 'used'>): bigint | null {
  if (state.limit === null) return null
  return state.limit > state.used ? state.limit - state.used : 0n
}

/** The quota that binds first: the least remaining of the limited ones, else the first. */
export function tightest(states: QuotaState[]): QuotaState {
  const limited = states.filter((s) => s.limit !== null)
  if (!limited.length) return states[0]
  return limited.reduce((best, s) => (remainingOf(s)! < remainingOf(best)! ? s : best))
}

export function presentQuota(state: QuotaState): QuotaStateWire {
  const remaining = remainingOf(state)
  return {
    feature: state.feature,
    limit: state.limit === null ? null : Number(state.limit),
    used: Number(state.used),
    remaining: remaining === null ? null : Number(remaining),
    period: state.period,
    period_start: state.period === 'lifetime' ? null : new Date(state.periodStart).toISOString(),
    resets_at: state.resetsAt ? new Date(state.resetsAt).toISOString() : null,
    plan: state.plan,
  }
}
