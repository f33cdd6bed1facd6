/**
 * The dashboard's cards (issue 11 §4): each card's value for today, this week, this month and
 * this year, and its trend. Periods are UTC days, Monday-based UTC weeks, UTC months and years,
 * each running to now.
 *
 * Usage figures read only the rollups (daily for the periods and the day/month trends, hourly for
 * today's hours), never usage_records: a year of rollups is days × customers × models × channels
 * rows, whatever the number of requests. The other figures read their own table through an index
 * ending in the time column (migration 0059; customers.created_at since 0003). Each card names the
 * lists it summarises: a role gets it only when it may view all of them (figures.ts).
 */
import db from '@adonisjs/lucid/services/db'
import creditdesk from '#config/creditdesk'
import { fromUnits } from '#services/ledger/amounts'
import { DASHBOARD_CARDS, DASHBOARD_PERIODS, type DashboardCardId, type DashboardCards, type DashboardPeriod, type DashboardTrend } from '#contract/dashboard'

/** Where a card's figure comes from: a table, its time column (date or timestamptz), a filter and an aggregate. */
type Source = { table: string; column: string; isDate: boolean; where: string; value: string }

const TOKENS = 'sum(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens)'
const USAGE: Partial<Record<DashboardCardId, string>> = { tokens: TOKENS, cost: 'sum(cost)', revenue: 'sum(charged)', margin: 'sum(margin)', active_users: 'count(DISTINCT customer_id)' }

const usage = (card: DashboardCardId, hourly: boolean): Source => ({
  table: hourly ? 'usage_rollup_hourly' : 'usage_rollup_daily',
  column: 'bucket',
  isDate: !hourly,
  where: 'true',
  value: USAGE[card]!,
})

/** The source of a card (hourly: today's trend reads the hourly rollup). */
function sourceOf(card: DashboardCardId, hourly = false): Source {
  switch (card) {
    case 'new_users':
      return { table: 'customers', column: 'created_at', isDate: false, where: 'true', value: 'count(*)' }
    case 'recharged':
      return { table: 'ledger_transactions', column: 'created_at', isDate: false, where: "type = 'recharge'", value: 'sum(amount)' }
    case 'staff_logins':
      return { table: 'audit_logs', column: 'occurred_at', isDate: false, where: "action = 'login' AND actor_type = 'staff'", value: 'count(*)' }
    default:
      return usage(card, hourly)
  }
}

/** The lists each card summarises. */
export const CARD_SOURCES: Record<DashboardCardId, string[]> = {
  new_users: ['users'],
  recharged: ['ledger-transactions'],
  tokens: ['usage-records'],
  cost: ['usage-records'],
  revenue: ['usage-records'],
  margin: ['usage-records'],
  staff_logins: ['audit-logs'],
  active_users: ['usage-records'],
}

const KIND = new Map<string, string>(DASHBOARD_CARDS.map((c) => [c.value, c.kind]))
const present = (card: DashboardCardId, value: string | null) => (KIND.get(card) === 'money' ? fromUnits(value ?? '0') : (value ?? '0'))

/** The UTC start of each period containing `now`. */
export function periodStarts(now: Date): Record<DashboardPeriod, Date> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  const week = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000)
  return {
    today,
    week,
    month: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    year: new Date(Date.UTC(now.getUTCFullYear(), 0, 1)),
  }
}

const bound = (source: Source, at: Date) => (source.isDate ? at.toISOString().slice(0, 10) : at.toISOString())
const PERIODS = DASHBOARD_PERIODS.map((p) => p.value)

/** Per-row amounts of the usage cards that are sums (the daily rollup's columns). */
const USAGE_SUMS: Partial<Record<DashboardCardId, string>> = {
  tokens: 'input_tokens + output_tokens + cache_read_tokens + cache_write_tokens',
  cost: 'cost',
  revenue: 'charged',
  margin: 'margin',
}

type Values = Record<DashboardPeriod, string>

/**
 * The cards' values for every period, in parallel: the usage sums in one statement that first
 * adds the rollup up per day (so the period filters run over a few hundred days, not every
 * customer-model-channel row); active users from each customer's latest day with usage (a
 * customer is active in a period when that day is in it, every period running to now); every
 * other card in one statement per source table.
 */
export async function dashboardCards(cards: DashboardCardId[], now = new Date()): Promise<DashboardCards> {
  const starts = periodStarts(now)
  const earliest = new Date(Math.min(starts.week.getTime(), starts.year.getTime()))
  const day = (at: Date) => at.toISOString().slice(0, 10)
  const values = new Map<DashboardCardId, Values>()
  const read = (card: DashboardCardId, row: Record<string, string | null>) =>
    values.set(card, Object.fromEntries(PERIODS.map((p) => [p, present(card, row[`${card}:${p}`])])) as Values)
  const work: Array<Promise<void>> = []

  const sums = cards.filter((card) => USAGE_SUMS[card])
  if (sums.length) {
    work.push(
      (async () => {
        const selects = sums.flatMap((card) => PERIODS.map((p) => `(sum("${card}") FILTER (WHERE bucket >= ?))::text AS "${card}:${p}"`))
        const { rows } = await db.rawQuery(
          `WITH days AS (SELECT bucket, ${sums.map((card) => `sum(${USAGE_SUMS[card]}) AS "${card}"`).join(', ')} FROM usage_rollup_daily WHERE bucket >= ? GROUP BY bucket)
           SELECT ${selects.join(', ')} FROM days`,
          [day(earliest), ...sums.flatMap(() => PERIODS.map((p) => day(starts[p])))]
        )
        for (const card of sums) read(card, rows[0])
      })()
    )
  }
  if (cards.includes('active_users')) {
    work.push(
      (async () => {
        const { rows } = await db.rawQuery(
          `SELECT ${PERIODS.map((p) => `(count(*) FILTER (WHERE latest >= ?))::text AS "active_users:${p}"`).join(', ')}
           FROM (SELECT customer_id, max(bucket) AS latest FROM usage_rollup_daily WHERE bucket >= ? GROUP BY customer_id) active`,
          [...PERIODS.map((p) => day(starts[p])), day(earliest)]
        )
        read('active_users', rows[0])
      })()
    )
  }

  const groups = new Map<string, { source: Source; cards: DashboardCardId[] }>()
  for (const card of cards.filter((c) => !USAGE[c])) {
    const source = sourceOf(card)
    const key = `${source.table}|${source.where}`
    ;(groups.get(key) ?? groups.set(key, { source, cards: [] }).get(key)!).cards.push(card)
  }
  for (const { source, cards: inGroup } of groups.values()) {
    work.push(
      (async () => {
        const selects = inGroup.flatMap((card) => PERIODS.map((p) => `(${sourceOf(card).value} FILTER (WHERE ${source.column} >= ?))::text AS "${card}:${p}"`))
        const { rows } = await db.rawQuery(`SELECT ${selects.join(', ')} FROM ${source.table} WHERE ${source.where} AND ${source.column} >= ?`, [
          ...inGroup.flatMap(() => PERIODS.map((p) => bound(source, starts[p]))),
          bound(source, earliest),
        ])
        for (const card of inGroup) read(card, rows[0])
      })()
    )
  }
  await Promise.all(work)
  return {
    zone: 'UTC',
    currency: creditdesk.asset,
    as_of: now.toISOString(),
    cards: cards.map((id) => ({ id, kind: KIND.get(id) as DashboardCards['cards'][number]['kind'], values: values.get(id)! })),
  }
}

const GRANULARITY = { today: 'hour', week: 'day', month: 'day', year: 'month' } as const
const FORMAT = { hour: 'YYYY-MM-DD HH24:00', day: 'YYYY-MM-DD', month: 'YYYY-MM' } as const

/** One card's trend over a period: every bucket from the period's start to now, empty ones as 0. */
export async function dashboardTrend(card: DashboardCardId, period: DashboardPeriod, now = new Date()): Promise<DashboardTrend> {
  const granularity = GRANULARITY[period]
  const source = sourceOf(card, granularity === 'hour')
  const start = periodStarts(now)[period]
  const local = source.isDate ? `${source.column}::timestamp` : `(${source.column} AT TIME ZONE 'UTC')`
  const naive = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ')
  const { rows } = await db.rawQuery(
    `SELECT to_char(g, '${FORMAT[granularity]}') AS bucket, v.value::text AS value
     FROM generate_series(?::timestamp, date_trunc('${granularity}', ?::timestamp), interval '1 ${granularity}') g
     LEFT JOIN (
       SELECT date_trunc('${granularity}', ${local}) AS b, ${source.value} AS value
       FROM ${source.table} WHERE ${source.where} AND ${source.column} >= ? GROUP BY 1
     ) v ON v.b = g
     ORDER BY g`,
    [naive(start), naive(now), bound(source, start)]
  )
  return {
    card,
    period,
    granularity,
    zone: 'UTC',
    currency: creditdesk.asset,
    points: rows.map((r: { bucket: string; value: string | null }) => ({ bucket: r.bucket, value: present(card, r.value) })),
  }
}
