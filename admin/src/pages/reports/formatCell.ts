/**
 * One report cell for people, by its column type (contract ReportColumnType): money with its
 * currency and sign, percentages, grouped counts, durations, and periods as dates in the reader's
 * language. Money never becomes a float: formatMoney formats the decimal string itself.
 */
import { formatMoney } from '@creditdesk/contract/money'
import type { ReportColumnType, ReportGranularity } from '@creditdesk/contract/reports'

export const EMPTY = '—'

export interface CellContext {
  locale: string
  currency: string
  granularity: ReportGranularity
  /** translator for the duration units (reports.duration.*) */
  t: (key: string, values?: Record<string, unknown>) => string
}

type Value = string | number | null | undefined

const INTEGER = /^-?\d+$/

/** "2026-11-23" as the calendar day it names (no zone shift), in the reader's language. */
export function formatPeriod(value: string, granularity: ReportGranularity, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!m) return value
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  const options: Intl.DateTimeFormatOptions =
    granularity === 'month' ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
  return new Intl.DateTimeFormat(locale, options).format(date)
}

export function formatCount(value: string | number, locale: string): string {
  const text = String(value)
  if (INTEGER.test(text)) return new Intl.NumberFormat(locale).format(BigInt(text))
  const number = Number(text)
  return Number.isFinite(number) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(number) : text
}

/** "12.5" → "12.5%"; the wire sends 0–100 with up to two decimals. */
export function formatPercent(value: string | number, locale: string): string {
  const number = Number(value)
  if (!Number.isFinite(number)) return String(value)
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(number / 100)
}

/** 450 → "450 ms", 1234 → "1.23 s", 125000 → "2 min 5 s", 7_500_000 → "2 h 5 min". */
export function formatDuration(value: string | number, locale: string, t: CellContext['t']): string {
  const ms = Number(value)
  if (!Number.isFinite(ms)) return String(value)
  const number = (n: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n)
  if (Math.abs(ms) < 1000) return t('reports.duration.ms', { value: number(ms) })
  if (Math.abs(ms) < 60_000) return t('reports.duration.s', { value: number(ms / 1000, 2) })
  const totalSeconds = Math.round(ms / 1000)
  if (Math.abs(totalSeconds) < 3600) return t('reports.duration.minS', { min: Math.floor(totalSeconds / 60), s: totalSeconds % 60 })
  const totalMinutes = Math.round(totalSeconds / 60)
  return t('reports.duration.hMin', { h: number(Math.floor(totalMinutes / 60)), min: totalMinutes % 60 })
}

export function formatCell(value: Value, type: ReportColumnType, ctx: CellContext): string {
  if (value === null || value === undefined || value === '') return EMPTY
  switch (type) {
    case 'period': {
      const date = formatPeriod(String(value), ctx.granularity, ctx.locale)
      // a week is named by its first day (a Monday), which may fall before the range
      return ctx.granularity === 'week' ? ctx.t('reports.weekOf', { date }) : date
    }
    case 'money': return formatMoney(String(value), ctx.currency, { locale: ctx.locale, sign: 'auto' })
    case 'percent': return formatPercent(value, ctx.locale)
    case 'count':
    case 'tokens': return formatCount(value, ctx.locale)
    case 'duration_ms': return formatDuration(value, ctx.locale, ctx.t)
    default: return String(value)
  }
}

/** Numeric columns align right in the table. */
export const isNumeric = (type: ReportColumnType) => type !== 'period' && type !== 'text'

/** A cell as a number for the chart (display only; null when there is none). */
export function chartNumber(value: Value): number | null {
  if (value === null || value === undefined || value === '') return null
  const number = Number(value)
  return Number.isFinite(number) ? number : null
}
