/**
 * Exact decimals of the catalog: prices and costs are `numeric(30,12)` (18 integer digits, 12
 * decimals) and multipliers `numeric(8,4)`. Input arrives as text and is checked as text — never
 * through a float — so "0.1" is 0.1 and "1e3" is refused, not read as 1000.
 */
import { InvalidInput } from '#exceptions/domain_errors'
import { formatUnits, parseUnits } from '#contract/money'

/** Decimal places of a catalog price (the column's scale). */
export const PRICE_SCALE = 12
const PRICE_LIMIT = 10n ** 30n

/** Units of 10⁻¹² (as the engine's money input gives them) → the column's decimal text, checked ≥ 0 and in range. */
export function priceFromUnits(field: string, units: string | bigint): string {
  const value = BigInt(units)
  if (value < 0n) throw new InvalidInput([{ field, message: `"${field}" cannot be negative`, rule: 'min' }])
  if (value >= PRICE_LIMIT) throw new InvalidInput([{ field, message: `"${field}" is too large (at most 18 digits before the decimal point)`, rule: 'max' }])
  return formatUnits(value, PRICE_SCALE)
}

/** The shortest text of a price ("0.150000000000" → "0.15"), as versions show what changed. */
export function trimPrice(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const text = formatUnits(parseUnits(String(value), PRICE_SCALE), PRICE_SCALE)
  return text.replace(/\.?0+$/, '') || '0'
}

/**
 * A price multiplier ("0.9", "1.25"): more than 0, at most 100, four decimals at most. Returns the
 * text to store; null when the input is empty (no multiplier of its own).
 */
export function parseMultiplier(field: string, raw: unknown): string | null {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null
  const text = typeof raw === 'string' ? raw.trim() : ''
  const fail = (message: string, rule: string): never => {
    throw new InvalidInput([{ field, message, rule }])
  }
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(text)) fail(`"${field}" must be a decimal like 0.9 or 1.25 (four decimals at most)`, 'decimal')
  const units = parseUnits(text, 4)
  if (units <= 0n || units > 100_0000n) fail(`"${field}" must be more than 0 and at most 100`, 'range')
  return formatUnits(units, 4)
}
