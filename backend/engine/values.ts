/**
 * Conversions between wire values and column values, per field type. Money is never a JS
 * number: it travels as a decimal string and is stored as integer minor units (bigint).
 */
import { DateTime } from 'luxon'
import { formatUnits } from '#contract/money'
import type { FieldDef } from './types.js'

/** Column value → JSON value. */
export function toWire(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null
  switch (field.type) {
    case 'money':
      return formatUnits(value as any, field.scale ?? 2)
    case 'json':
      // an amount per currency: { USD: 990 } (minor units) → { USD: "9.90" }
      if (!field.currencies || typeof value !== 'object') return value
      return Object.fromEntries(Object.entries(value as Record<string, any>).map(([currency, units]) => [currency, formatUnits(units, field.scale ?? 2)]))
    case 'file':
      if (Array.isArray(value)) return value.map((id) => Number(id))
      return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
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
