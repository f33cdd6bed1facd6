/**
 * What a report is asked for: a range of calendar days (both included) in a time zone, cut into
 * days, weeks or months. Everything here is checked strictly, because the report queries write
 * these values into their SQL as literals (a date, a zone name, a granularity keyword).
 */
import { REPORT_GRANULARITIES, type ReportGranularity } from '#contract/reports'
import { valuesOf } from '#contract/statuses'
import { InvalidInput, type FieldError } from '#exceptions/domain_errors'

export type ReportParams = { from: string; to: string; granularity: ReportGranularity; zone: string }

const GRANULARITIES = valuesOf(REPORT_GRANULARITIES) as ReportGranularity[]

/** The longest range per granularity, in days: about two years by day, five by week, ten by month. */
export const RANGE_LIMIT_DAYS: Record<ReportGranularity, number> = { day: 732, week: 1831, month: 3653 }

const DAY_MS = 86_400_000
const DATE = /^\d{4}-\d{2}-\d{2}$/
const ZONE = /^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+){0,2}$/

/** A YYYY-MM-DD that is a real calendar day between 2000 and 2199, as UTC midnight milliseconds. */
export function dayMs(text: string): number | null {
  if (!DATE.test(text)) return null
  const ms = Date.parse(`${text}T00:00:00Z`)
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return null
  return text >= '2000-01-01' && text <= '2199-12-31' ? ms : null
}

export function isZone(zone: string) {
  if (!ZONE.test(zone) || zone.length > 64) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Reads `from`, `to`, `granularity` (default day) and `zone` (default UTC); 422 naming each fault. */
export function readReportParams(input: Record<string, unknown>): ReportParams {
  const errors: FieldError[] = []
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string).trim() : input[key] === undefined ? '' : null)
  const from = text('from')
  const to = text('to')
  const granularity = text('granularity') || 'day'
  const zone = text('zone') || 'UTC'
  const fromMs = from ? dayMs(from) : null
  const toMs = to ? dayMs(to) : null
  if (fromMs === null) errors.push({ field: 'from', message: 'from must be a date written YYYY-MM-DD', rule: 'date' })
  if (toMs === null) errors.push({ field: 'to', message: 'to must be a date written YYYY-MM-DD', rule: 'date' })
  if (!GRANULARITIES.includes(granularity as ReportGranularity)) {
    errors.push({ field: 'granularity', message: `granularity must be one of ${GRANULARITIES.join(', ')}`, rule: 'enum' })
  }
  if (typeof zone !== 'string' || !isZone(zone)) errors.push({ field: 'zone', message: 'zone must be an IANA time zone such as UTC or Asia/Shanghai', rule: 'zone' })
  if (!errors.length) {
    const days = (toMs! - fromMs!) / DAY_MS + 1
    const limit = RANGE_LIMIT_DAYS[granularity as ReportGranularity]
    if (days < 1) errors.push({ field: 'to', message: 'to must be on or after from', rule: 'range' })
    else if (days > limit) errors.push({ field: 'to', message: `A range by ${granularity} covers at most ${limit} days (this one has ${days})`, rule: 'range' })
  }
  if (errors.length) throw new InvalidInput(errors)
  return { from: from!, to: to!, granularity: granularity as ReportGranularity, zone: zone as string }
}
