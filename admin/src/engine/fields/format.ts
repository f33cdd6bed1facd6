import dayjs from 'dayjs'

const DECIMAL = /^-?\d+(\.\d+)?$/

/**
 * Formats a decimal-string amount for display. The string goes to Intl as-is (exact decimal
 * semantics), never through parseFloat, and keeps every fractional digit the server sent.
 */
export function formatMoney(value: unknown, currency: string | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return ''
  const text = String(value).trim()
  if (!DECIMAL.test(text)) return text
  const fraction = text.split('.')[1]?.length ?? 0
  try {
    const formatter = new Intl.NumberFormat(locale, {
      style: currency ? 'currency' : 'decimal',
      currency: currency || undefined,
      maximumFractionDigits: Math.min(20, Math.max(fraction, 2)),
    })
    return formatter.format(text as unknown as number)
  } catch {
    return currency ? `${text} ${currency}` : text
  }
}

/** Datetimes are stored in UTC/ISO; staff read them in their own time zone. */
export function formatDateTime(value: unknown): string {
  if (!value) return ''
  const d = dayjs(value as string)
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : String(value)
}

export function formatDate(value: unknown): string {
  if (!value) return ''
  const d = dayjs(value as string)
  return d.isValid() ? d.format('YYYY-MM-DD') : String(value)
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
