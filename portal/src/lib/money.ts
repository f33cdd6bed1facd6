/**
 * Money as the server sends it: decimal strings with 6 decimals ("10.000000"). Amounts are never turned
 * into JS numbers (0.1 + 0.2 ≠ 0.3, and large values lose digits). Sums and comparisons go through
 * BigInt micro-units; display is pure string work.
 */
export const MONEY_SCALE = 6
const UNIT = 10n ** BigInt(MONEY_SCALE)
const DECIMAL = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/

export type Asset = 'USD' | 'CREDIT' | (string & {})

interface ParsedDecimal {
  negative: boolean
  int: string // without leading zeros, "0" for zero
  frac: string // without trailing zeros, may be ""
}

export function parseDecimal(value: string | number | null | undefined): ParsedDecimal | null {
  if (value === null || value === undefined) return null
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value
  const m = DECIMAL.exec(text)
  if (!m || (!m[2] && !m[3])) return null
  const int = m[2].replace(/^0+(?=\d)/, '') || '0'
  const frac = (m[3] ?? '').replace(/0+$/, '')
  const zero = /^0*$/.test(int) && frac === ''
  return { negative: m[1] === '-' && !zero, int, frac }
}

/** "1234567" → "1,234,567" */
function group(int: string) {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * The number part of an amount, for display:
 * - USD: two decimals, more only when they carry non-zero digits ("10.50", "0.000125", "1,234.5678");
 * - CREDIT (and unknown assets): no trailing zeros at all ("1,500", "2.5").
 * Negative amounts keep a leading "-" unless `abs` is set. Unparseable input is returned unchanged.
 */
export function formatDecimal(value: string | null | undefined, asset: Asset, opts: { abs?: boolean } = {}): string {
  const d = parseDecimal(value)
  if (!d) return value ?? ''
  const frac = asset === 'USD' ? d.frac.padEnd(2, '0') : d.frac
  const body = group(d.int) + (frac ? `.${frac}` : '')
  return d.negative && !opts.abs ? `-${body}` : body
}

export function isZero(value: string | null | undefined): boolean {
  const d = parseDecimal(value)
  return !!d && d.int === '0' && d.frac === ''
}

export function isNegative(value: string | null | undefined): boolean {
  return !!parseDecimal(value)?.negative
}

/** Exact micro-units of a decimal string (digits beyond the 6th are cut, as the server never sends them). */
export function toUnits(value: string): bigint {
  const d = parseDecimal(value)
  if (!d) throw new Error(`Not a decimal amount: ${value}`)
  const units = BigInt(d.int) * UNIT + BigInt(d.frac.slice(0, MONEY_SCALE).padEnd(MONEY_SCALE, '0'))
  return d.negative ? -units : units
}

export function fromUnits(units: bigint): string {
  const negative = units < 0n
  const abs = negative ? -units : units
  const int = (abs / UNIT).toString()
  const frac = (abs % UNIT).toString().padStart(MONEY_SCALE, '0')
  return `${negative ? '-' : ''}${int}.${frac}`
}

export function sumAmounts(values: string[]): string {
  return fromUnits(values.reduce((acc, v) => acc + toUnits(v), 0n))
}

export function compareAmounts(a: string, b: string): number {
  const d = toUnits(a) - toUnits(b)
  return d === 0n ? 0 : d < 0n ? -1 : 1
}

interface CurrencyInfo {
  symbol: string
  minor: number
  /** no symbol of its own: the code goes after the number */
  suffix: boolean
}
const currencyInfo = new Map<string, CurrencyInfo>()

/** The English symbol ("$", "€", "CN¥") and minor digits (2; 0 for JPY) of an ISO currency, without touching an amount. */
function currencyOf(code: string): CurrencyInfo {
  const cached = currencyInfo.get(code)
  if (cached) return cached
  let info: CurrencyInfo = { symbol: code, minor: 2, suffix: true }
  try {
    const nf = new Intl.NumberFormat('en', { style: 'currency', currency: code })
    const symbol = nf.formatToParts(0).find((p) => p.type === 'currency')?.value
    const minor = nf.resolvedOptions().minimumFractionDigits ?? 2
    info = !symbol || symbol === code || symbol === '¤' ? { symbol: code, minor, suffix: true } : { symbol, minor, suffix: false }
  } catch {
    /* not an ISO code: show it after the number */
  }
  currencyInfo.set(code, info)
  return info
}

/**
 * A price in a real currency from its decimal string ("9.90", "USD") → "$9.90"; "1200" JPY → "¥1,200";
 * unknown codes → "12.50 XYZ". The currency's minor digits are always shown, more only when non-zero.
 * Pure string work: the amount never becomes a JS number.
 */
export function formatCurrency(value: string | null | undefined, currency: string | null | undefined): string {
  const code = (currency ?? '').trim().toUpperCase()
  const d = parseDecimal(value)
  if (!d) return [value ?? '', code].filter(Boolean).join(' ')
  const { symbol, minor, suffix } = code ? currencyOf(code) : { symbol: '', minor: 2, suffix: true }
  const frac = d.frac.padEnd(minor, '0')
  const body = group(d.int) + (frac ? `.${frac}` : '')
  const sign = d.negative ? '-' : ''
  if (!code) return sign + body
  return suffix ? `${sign}${body} ${symbol}` : `${sign}${symbol}${body}`
}
