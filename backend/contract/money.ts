/**
 * The one rule set for money. Inside: integer minor units (bigint). On the wire: decimal strings
 * with the field's scale ("10.000000" for the ledger, "9.90" for prices). On screen: the currency's
 * own precision, more digits only when they carry value ("10.000000" USD → "$10.00", "0.000125" →
 * "$0.000125", "1500.000000" credits → "1,500"), grouped per locale, with an explicit sign when the
 * caller asks for one. An amount never becomes a JS number: Intl formats the decimal string itself.
 */

/** The ledger stores millionths of its asset: per-token charges stay exact. config/creditdesk.ts uses this. */
export const LEDGER_SCALE = 6

/** U+2212, the typographic minus used for display (the wire keeps ASCII "-"). */
export const MINUS = '\u2212'

const STRICT = /^-?\d{1,30}(\.\d+)?$/

/**
 * Wire or input text → minor units. "12.34" at scale 2 → 1234n. Refuses anything that is not a plain
 * decimal (RangeError "not a decimal amount") and more decimals than the scale holds ("more than N
 * decimal places"): an amount is never rounded silently.
 */
export function parseUnits(text: string, scale: number): bigint {
  const value = String(text).trim()
  if (!STRICT.test(value)) throw new RangeError('not a decimal amount')
  const negative = value.startsWith('-')
  const [whole, fraction = ''] = value.replace('-', '').split('.')
  if (fraction.length > scale) throw new RangeError(`more than ${scale} decimal places`)
  const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0')
  return negative ? -units : units
}

/** Minor units → wire text with exactly `scale` decimals: 1234n at scale 2 → "12.34". Refuses fractional input. */
export function formatUnits(units: bigint | string | number, scale: number): string {
  const value = BigInt(units)
  const negative = value < 0n
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return `${negative ? '-' : ''}${whole}${scale ? '.' + fraction : ''}`
}

export interface ParsedDecimal {
  negative: boolean
  /** Without leading zeros, "0" for zero. */
  int: string
  /** Without trailing zeros, may be "". */
  frac: string
}

const LENIENT = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/

/** Reads a decimal as shown or sent ("+1.50", " 10.000000 ", ".5"); null when it is not one. Never a float. */
export function parseDecimal(value: string | null | undefined): ParsedDecimal | null {
  if (value === null || value === undefined) return null
  const m = LENIENT.exec(String(value))
  if (!m || (!m[2] && !m[3])) return null
  const int = m[2].replace(/^0+(?=\d)/, '') || '0'
  const frac = (m[3] ?? '').replace(/0+$/, '')
  return { negative: m[1] === '-' && !(int === '0' && frac === ''), int, frac }
}

export function isZero(value: string | null | undefined): boolean {
  const d = parseDecimal(value)
  return !!d && d.int === '0' && d.frac === ''
}

export function isNegative(value: string | null | undefined): boolean {
  return !!parseDecimal(value)?.negative
}

/** Decimal text → units, leniently (digits beyond `scale` are cut: servers never send them). */
export function toUnits(value: string, scale = LEDGER_SCALE): bigint {
  const d = parseDecimal(value)
  if (!d) throw new RangeError(`not a decimal amount: ${value}`)
  const units = BigInt(d.int) * 10n ** BigInt(scale) + BigInt(d.frac.slice(0, scale).padEnd(scale, '0') || '0')
  return d.negative ? -units : units
}

export function sumAmounts(values: string[], scale = LEDGER_SCALE): string {
  return formatUnits(values.reduce((acc, v) => acc + toUnits(v, scale), 0n), scale)
}

export function compareAmounts(a: string, b: string, scale = LEDGER_SCALE): -1 | 0 | 1 {
  const d = toUnits(a, scale) - toUnits(b, scale)
  return d === 0n ? 0 : d < 0n ? -1 : 1
}

const ISO_CURRENCY = /^[A-Z]{3}$/
const digitsCache = new Map<string, number | null>()

/**
 * The minor digits of an ISO currency (USD 2, JPY 0, KWD 3), from Intl; null for a unit that is not
 * one (the ledger's CREDIT): such amounts show no decimals unless they carry value.
 */
export function currencyDigits(unit: string | null | undefined): number | null {
  const code = (unit ?? '').trim().toUpperCase()
  if (!ISO_CURRENCY.test(code)) return null
  if (digitsCache.has(code)) return digitsCache.get(code)!
  let digits: number | null = null
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().minimumFractionDigits ?? 2
  } catch {
    digits = null
  }
  digitsCache.set(code, digits)
  return digits
}

/**
 * Plain decimal text at the unit's precision, for messages and files: "10.000000" USD → "10.00",
 * "115.000000" CREDIT → "115", "0.000125" USD → "0.000125". No grouping, ASCII "-".
 */
export function trimAmount(value: string, unit: string | null | undefined): string {
  const d = parseDecimal(value)
  if (!d) return value
  const frac = d.frac.padEnd(currencyDigits(unit) ?? 0, '0')
  return `${d.negative ? '-' : ''}${d.int}${frac ? '.' + frac : ''}`
}

/**
 * - `auto`: "−" before negatives only;
 * - `always`: "+" or "−" (nothing for zero), for amounts whose sign matters (ledger rows);
 * - `never`: the magnitude;
 * - `credit` / `debit`: the amount is a magnitude and the caller knows the direction.
 */
export type SignDisplay = 'auto' | 'always' | 'never' | 'credit' | 'debit'

export interface MoneyFormatOptions {
  /** BCP 47 locale ("en", "zh-CN"); grouping and currency symbols follow it. */
  locale?: string
  sign?: SignDisplay
  /** Write a non-ISO unit's code after the number ("1,500 CREDIT"); off when the caller words the unit itself. */
  unitCode?: boolean
}

/** Intl formats are costly to build and a screen formats hundreds of amounts with a handful of them. */
const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(locale: string, currency: string, minimum: number, maximum: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${minimum}|${maximum}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      ...(currency ? { style: 'currency', currency } : { style: 'decimal' }),
      minimumFractionDigits: minimum,
      maximumFractionDigits: maximum,
    })
    if (numberFormats.size > 500) numberFormats.clear()
    numberFormats.set(key, format)
  }
  return format
}

/**
 * An amount for people: "$1,234.50", "−$1.25", "+¥1,200", "US$9.90" (zh-CN), "1,500" (credits).
 * Unparseable input comes back unchanged. The decimal string goes to Intl as a string, so no digit is
 * ever lost or rounded; the currency's precision is the minimum, significant digits beyond it stay.
 */
export function formatMoney(value: string | null | undefined, unit: string | null | undefined, options: MoneyFormatOptions = {}): string {
  const code = (unit ?? '').trim().toUpperCase()
  const d = parseDecimal(value)
  if (!d) return [value ?? '', code].filter(Boolean).join(' ')
  const digits = currencyDigits(code)
  const minimum = digits ?? 0
  const fraction = Math.min(100, Math.max(d.frac.length, minimum))
  const magnitude = `${d.int}.${d.frac || '0'}`
  let text: string
  try {
    text = numberFormat(options.locale ?? 'en', digits === null ? '' : code, minimum, fraction).format(magnitude as unknown as number)
  } catch {
    text = `${d.int}${d.frac ? '.' + d.frac : ''}`
  }
  text = text.replace(/\u00a0/g, ' ')
  if (digits === null && code && options.unitCode !== false) text = `${text} ${code}`
  const zero = d.int === '0' && d.frac === ''
  const sign = options.sign ?? 'auto'
  if (zero || sign === 'never') return text
  if (sign === 'credit') return `+${text}`
  if (sign === 'debit') return `${MINUS}${text}`
  if (d.negative) return `${MINUS}${text}`
  return sign === 'always' ? `+${text}` : text
}
