import { currencyDigits, formatMoney, formatUnits, isZero, parseDecimal } from '@creditdesk/contract/money'
import type { FieldMeta } from '../../meta/types'

/**
 * Declarations a form reads beyond the common field shape:
 * - `currencies`: a json field holding one amount per currency (plan prices, stored as integer minor
 *   units `{"USD": 990}`), edited as one money input per currency and sent as decimal strings;
 * - `formOptions`: the enum values a create/edit form offers when fewer than `options` (the list and
 *   its filters keep every value: console orders are offline, yet card orders are listed).
 */
export type FormFieldMeta = FieldMeta & { currencies?: string[]; formOptions?: Array<string | number | boolean>; scale?: number }

/** Amounts by currency code, as typed ("9.90"), in the form's state. */
export type MoneyMap = Record<string, string>

export const isMoneyMap = (field: FieldMeta): boolean => field.type === 'json' && !!(field as FormFieldMeta).currencies?.length

/** Minor digits of a currency's amounts: the declared scale, else the currency's own (USD 2). */
export const scaleOf = (field: FieldMeta, currency: string): number => (field as FormFieldMeta).scale ?? currencyDigits(currency) ?? 2

/** Stored value → form state: integer minor units become decimal text ({"USD": 990} → {"USD": "9.90"}). */
export function toMoneyMap(field: FieldMeta, value: unknown): MoneyMap {
  let source = value
  if (typeof source === 'string') {
    try {
      source = JSON.parse(source)
    } catch {
      return {}
    }
  }
  if (!source || typeof source !== 'object' || Array.isArray(source)) return {}
  const out: MoneyMap = {}
  for (const [currency, amount] of Object.entries(source as Record<string, unknown>)) {
    if (typeof amount === 'number' && Number.isSafeInteger(amount)) out[currency] = formatUnits(BigInt(amount), scaleOf(field, currency))
    else if (typeof amount === 'string') out[currency] = amount
  }
  return out
}

/** Form state → request: decimal strings per currency, empty rows left out (the server parses them exactly). */
export function fromMoneyMap(map: unknown): MoneyMap {
  if (!map || typeof map !== 'object') return {}
  return Object.fromEntries(
    Object.entries(map as MoneyMap)
      .map(([currency, amount]) => [currency, String(amount ?? '').trim()] as const)
      .filter(([, amount]) => amount !== ''),
  )
}

/** The first problem of a typed amount ('format' | 'zero' | 'precision'), or null when it is a valid price. */
export function amountProblem(text: string, scale: number): 'format' | 'zero' | 'precision' | null {
  const trimmed = text.trim()
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return 'format'
  const decimal = parseDecimal(trimmed)!
  if (decimal.frac.length > scale) return 'precision'
  if (isZero(trimmed)) return 'zero'
  return null
}

/** Enum options a form offers: `formOptions` narrows the declared ones, in their declared order. */
export function formOptionsOf(field: FieldMeta) {
  const allowed = (field as FormFieldMeta).formOptions
  const options = field.options ?? []
  return allowed ? options.filter((o) => allowed.some((v) => String(v) === String(o.value))) : options
}

/** A money map read like a price list: "$9.90 · €9.00" in the viewer's language. */
export function formatMoneyMap(field: FieldMeta, value: unknown, locale: string): string {
  return Object.entries(toMoneyMap(field, value))
    .map(([currency, amount]) => formatMoney(amount, currency, { locale }))
    .join(' · ')
}
