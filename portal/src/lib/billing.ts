import { compareAmounts, currencyDigits, isZero, parseDecimal } from '@creditdesk/contract/money'

/**
 * A bill's period [start, end) as calendar days in the zone it was cut in ("Nov 1 – 30, 2026"), so
 * the screen says what the PDF says whatever the reader's zone; the end is exclusive.
 */
export function formatPeriod(period: { start: string; end: string; zone?: string | null }, lang: string): string {
  const start = new Date(period.start)
  const end = new Date(new Date(period.end).getTime() - 1)
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return '—'
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', timeZone: period.zone || 'UTC' }
  try {
    const format = new Intl.DateTimeFormat(lang, options)
    return typeof format.formatRange === 'function' ? format.formatRange(start, end) : `${format.format(start)} – ${format.format(end)}`
  } catch {
    const format = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })
    return `${format.format(start)} – ${format.format(end)}`
  }
}

/** A positive amount. */
export const isPositive = (value: string | null | undefined) => {
  const d = parseDecimal(value)
  return !!d && !d.negative && !isZero(value)
}

/** The decimals an amount of `currency` may have when typed: the currency's own, or the ledger's 6 for credits. */
export const inputDigits = (currency: string | null | undefined) => currencyDigits(currency) ?? 6

/** `value` cut (never rounded up) to `digits` decimals: what can be paid of an outstanding amount. */
export function floorTo(value: string, digits: number): string {
  const d = parseDecimal(value)
  if (!d) return value
  const frac = d.frac.slice(0, digits)
  return `${d.negative ? '-' : ''}${d.int}${frac ? '.' + frac : ''}`
}

/**
 * Why a typed amount cannot be sent, as a translation key under `billing.amount`, or null when it can:
 * a plain decimal, more than zero, at most `digits` decimals and not above `max`.
 */
export function amountProblem(text: string | undefined, max: string | null, digits: number): string | null {
  const value = (text ?? '').trim()
  if (!value) return 'required'
  if (!/^\d{1,18}(\.\d+)?$/.test(value)) return 'invalid'
  if (!isPositive(value)) return 'positive'
  if ((value.split('.')[1] ?? '').length > digits) return 'decimals'
  if (max !== null && compareAmounts(value, max) > 0) return 'tooMuch'
  return null
}
