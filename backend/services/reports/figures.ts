/**
 * How report figures are written on the wire: money as the ledger's decimal strings, percentages
 * as decimal strings with two decimals (rounded half away from zero) or null when the base is 0,
 * averages of money rounded the same way to the ledger's unit. All exact: bigint throughout.
 */
import { fromUnits } from '#services/ledger/amounts'

export const big = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(String(value).split('.')[0]))

/** a ÷ b rounded half away from zero. */
function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b]
  const q = (x * 2n + y) / (y * 2n)
  return negative ? -q : q
}

export const money = (units: bigint) => fromUnits(units)

/** part ÷ whole as a percentage with two decimals ("12.50"), or null when whole is 0. */
export function percent(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null
  const hundredths = divideRounded(part * 10_000n, whole)
  const sign = hundredths < 0n ? '-' : ''
  const digits = (hundredths < 0n ? -hundredths : hundredths).toString().padStart(3, '0')
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`
}

/** Money ÷ a count (an average per customer), or null when the count is 0. */
export function perHead(units: bigint, count: bigint): string | null {
  return count === 0n ? null : fromUnits(divideRounded(units, count))
}

/** A count as a JSON number (counts stay far below 2^53). */
export const count = (value: unknown) => Number(big(value))
