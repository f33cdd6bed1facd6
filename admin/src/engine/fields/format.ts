import dayjs from 'dayjs'

const DECIMAL = /^-?\d+(\.\d+)?$/

/** Server-masked values look like "••••1234" or "b•••@example.com". */
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && value.includes('•')
}

/** The console's language as dayjs tracks it (see i18n/index.ts), as an Intl locale. */
const viewerLocale = () => (dayjs.locale() === 'zh-cn' ? 'zh-CN' : 'en')

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }
const DATE_TIME_FULL: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'long' }

/** Formatters are costly to build and a page shows hundreds of dates: one per locale and style. */
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${JSON.stringify(options)}`
  let formatter = formatters.get(key)
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)))
  return formatter
}

function formatWith(value: unknown, options: Intl.DateTimeFormatOptions, locale: string): string {
  if (!value) return ''
  const d = dayjs(value as string)
  return d.isValid() ? formatterFor(locale, options).format(d.toDate()) : String(value)
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
