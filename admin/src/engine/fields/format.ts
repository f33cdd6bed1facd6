import dayjs from 'dayjs'

const DECIMAL = /^-?\d+(\.\d+)?$/

/**
 * Formats a decimal-string amount for display. The string goes to Intl as-is (exact decimal
 * semantics), never through parseFloat. Trailing zeros beyond two decimals are dropped (the ledger
 * stores 6 places: "12.340000" → 12.34, "0.001500" → 0.0015); every significant digit is kept.
 * A unit that is not an ISO currency (e.g. CREDIT) is written after the number.
 */
export function formatMoney(value: unknown, currency: string | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return ''
  const text = String(value).trim()
  if (!DECIMAL.test(text)) return text
  const significant = (text.split('.')[1] ?? '').replace(/0+$/, '').length
  const iso = !!currency && /^[A-Z]{3}$/.test(currency)
  try {
    const formatter = new Intl.NumberFormat(locale, {
      style: iso ? 'currency' : 'decimal',
      currency: iso ? currency : undefined,
      minimumFractionDigits: 2,
      maximumFractionDigits: Math.min(20, Math.max(significant, 2)),
    })
    const number = formatter.format(text as unknown as number)
    return iso || !currency ? number : `${number} ${currency}`
  } catch {
    return currency ? `${text} ${currency}` : text
  }
}

/** Server-masked values look like "••••1234" or "b•••@example.com". */
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && value.includes('•')
}

/** The console's language as dayjs tracks it (see i18n/index.ts), as an Intl locale. */
const viewerLocale = () => (dayjs.locale() === 'zh-cn' ? 'zh-CN' : 'en')

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }
const DATE_TIME_FULL: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'long' }

function formatWith(value: unknown, options: Intl.DateTimeFormatOptions, locale: string): string {
  if (!value) return ''
  const d = dayjs(value as string)
  return d.isValid() ? new Intl.DateTimeFormat(locale, options).format(d.toDate()) : String(value)
}

/**
 * Datetimes are stored in UTC/ISO; staff read them in their own time zone and language
 * ("Nov 27, 2026, 1:55 PM" / "2026年11月27日 13:55"); `full` adds seconds and the zone (tooltips).
 */
export function formatDateTime(value: unknown, { full = false, locale = viewerLocale() } = {}): string {
  return formatWith(value, full ? DATE_TIME_FULL : DATE_TIME, locale)
}

export function formatDate(value: unknown, locale = viewerLocale()): string {
  return formatWith(value, { dateStyle: 'medium' }, locale)
}

export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value.trim())
}

/** Compact rendering of JSON values in tables and diffs. */
export function stringifyValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}
