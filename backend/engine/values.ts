/**
 * Conversions between wire values and column values, per field type. Money is never a JS
 * number: it travels as a decimal string and is stored as integer minor units (bigint).
 */
import { DateTime } from 'luxon'
import type { FieldDef } from './types.js'

const MONEY = /^-?\d{1,30}(\.\d+)?$/

/** "12.34" with scale 2 → 1234n. Refuses more decimals than the scale allows. */
export function parseMoney(text: string, scale: number): bigint {
  const value = String(text).trim()
  if (!MONEY.test(value)) throw new RangeError('not a decimal amount')
  const negative = value.startsWith('-')
  const [whole, fraction = ''] = value.replace('-', '').split('.')
  if (fraction.length > scale) throw new RangeError(`more than ${scale} decimal places`)
  const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt((fraction + '0'.repeat(scale)).slice(0, scale) || '0')
  return negative ? -units : units
}

/** 1234n with scale 2 → "12.34". */
export function formatMoney(units: bigint | string | number, scale: number): string {
  const value = BigInt(units)
  const negative = value < 0n
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return `${negative ? '-' : ''}${whole}${scale ? '.' + fraction : ''}`
}

/** Column value → JSON value. */
export function toWire(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null
  switch (field.type) {
    case 'money':
      return formatMoney(value as any, field.scale ?? 2)
    case 'json':
      // an amount per currency: { USD: 990 } (minor units) → { USD: "9.90" }
      if (!field.currencies || typeof value !== 'object') return value
      return Object.fromEntries(Object.entries(value as Record<string, any>).map(([currency, units]) => [currency, formatMoney(units, field.scale ?? 2)]))
    case 'number':
    case 'relation':
      return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value
    case 'datetime':
      return value instanceof Date ? value.toISOString() : DateTime.fromISO(String(value)).toUTC().toISO()
    case 'date':
      return value instanceof Date ? DateTime.fromJSDate(value).toISODate() : String(value).slice(0, 10)
    default:
      return value
  }
}

/** Masks a sensitive value, keeping just enough to recognise it. */
export function mask(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  const text = String(value)
  const at = text.indexOf('@')
  if (at > 0) return `${text[0]}•••${text.slice(at)}`
  return `••••${text.slice(-4)}`
}
