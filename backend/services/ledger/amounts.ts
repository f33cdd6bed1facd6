/**
 * Ledger amounts: bigint in 10^-scale units inside, decimal strings outside.
 * "12.5" → 12_500_000n; 12_500_000n → "12.500000". Never a JS number.
 */
import creditdesk from '#config/creditdesk'
import { formatMoney, parseMoney } from '#engine/values'
import { InvalidInput } from '#exceptions/domain_errors'

export const SCALE = creditdesk.scale

/** Parses a positive decimal amount from input, with a field error naming `field` when it is not one. */
export function toUnits(value: unknown, field = 'amount', { allowZero = false } = {}): bigint {
  if (typeof value !== 'string' || !/^\d{1,15}(\.\d+)?$/.test(value.trim())) {
    throw new InvalidInput([{ field, message: `"${field}" must be a positive decimal amount written as a string, like "12.50"`, rule: 'amount' }])
  }
  let units: bigint
  try {
    units = parseMoney(value.trim(), SCALE)
  } catch {
    throw new InvalidInput([{ field, message: `"${field}" has more than ${SCALE} decimal places`, rule: 'amount' }])
  }
  if (units === 0n && !allowZero) throw new InvalidInput([{ field, message: `"${field}" must be greater than zero`, rule: 'amount' }])
  return units
}

export function fromUnits(units: bigint | string | number): string {
  return formatMoney(BigInt(units), SCALE)
}
