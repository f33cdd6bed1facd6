/**
 * Periods and their SQL. A period is a calendar day, week (Monday first) or month of the report's
 * zone, named by its first day (YYYY-MM-DD); the first and last periods keep only the days inside
 * the range. The list of periods is plain date arithmetic (no zone needed); the zone matters only
 * when a stored instant is put into its period, which the SQL does with `AT TIME ZONE`.
 *
 * The SQL writes the range's dates, the zone and the granularity as literals: readReportParams
 * accepts only a strict YYYY-MM-DD, a zone name of letters, digits, `_+-/` that Intl knows, and
 * the three granularity keywords.
 */
import type { ReportGranularity } from '#contract/reports'
import type { ReportParams } from './params.js'

const DAY_MS = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** The first day of the period holding `day`. */
export function periodStart(day: string, g: ReportGranularity): string {
  const d = new Date(ms(day))
  if (g === 'month') return iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
  if (g === 'week') return iso(ms(day) - ((d.getUTCDay() + 6) % 7) * DAY_MS)
  return day
}

/** The first day of the next period. */
export function nextPeriod(start: string, g: ReportGranularity): string {
  const d = new Date(ms(start))
  if (g === 'month') return iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  return iso(ms(start) + (g === 'week' ? 7 : 1) * DAY_MS)
}

export const addDays = (day: string, days: number) => iso(ms(day) + days * DAY_MS)

export type Period = {
  /** The period's name: its first calendar day. */
  period: string
  /** The part of it inside the range: first day, and the day after the last. */
  from: string
  until: string
  days: number
}

/** Every period of the range, in order. */
export function periodsOf(p: ReportParams, g: ReportGranularity = p.granularity): Period[] {
  const end = addDays(p.to, 1)
  const periods: Period[] = []
  for (let start = periodStart(p.from, g); start < end; start = nextPeriod(start, g)) {
    const from = start < p.from ? p.from : start
    const next = nextPeriod(start, g)
    const until = next > end ? end : next
    periods.push({ period: start, from, until, days: (ms(until) - ms(from)) / DAY_MS })
  }
  return periods
}

/** SQL over the report's zone: the range's instants, and the period of a timestamp column. */
export function zoned(p: ReportParams) {
  const zone = `'${p.zone}'`
  /** The instant a local calendar day begins in the report's zone. */
  const dayStart = (day: string) => `('${day}'::timestamp AT TIME ZONE ${zone})`
  return {
    zone,
    dayStart,
    start: dayStart(p.from),
    end: dayStart(addDays(p.to, 1)),
    /** `column >= start AND column < end` for a timestamptz column. */
    within: (column: string) => `${column} >= ${dayStart(p.from)} AND ${column} < ${dayStart(addDays(p.to, 1))}`,
    /** The period (YYYY-MM-DD) of a timestamptz column. */
    period: (column: string, g: ReportGranularity = p.granularity) => `to_char(date_trunc('${g}', ${column} AT TIME ZONE ${zone}), 'YYYY-MM-DD')`,
  }
}

/** Rows keyed by period → one row per period of the range, with `empty` where nothing happened. */
export function byPeriod<T>(periods: Period[], rows: Array<T & { period: string }>, empty: () => T): Array<T & { period: string }> {
  const found = new Map(rows.map((row) => [row.period, row]))
  return periods.map(({ period }) => found.get(period) ?? { ...empty(), period })
}
