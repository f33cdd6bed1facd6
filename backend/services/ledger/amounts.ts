/**
 * Ledger amounts: bigint in 10^-scale units inside, decimal strings outside ("12.5" ↔ 12_500_000n).
 * The rules are the contract's (backend/contract/money.ts); the ledger adds its input errors.
 * Never a JS number.
 */
import creditdesk from '#config/creditdesk'
import { formatUnits, parseUnits, trimAmount } from '#contract/money'
import { InvalidInput } from '#exceptions/domain_errors'

export const SCALE = creditdesk.scale

/**
 * Parses a positive decimal amount from input, with a field error naming the field when it is not
 * one. `label` is what the person sees the field called ("Amount"); `field` its wire name.
 */
export function toUnits(value: unknown, field = 'amount', { allowZero = false, label = humanize(field) } = {}): bigint {
  if (typeof value !== 'string' || !/^\d{1,15}(\.\d+)?$/.test(value.trim())) {
    throw new InvalidInput([{ field, message: `${label} must be a positive amount written as a decimal string, like "12.50"`, rule: 'amount' }])
  }
  let units: bigint
  try {
    units = parseUnits(value.trim(), SCALE)
  } catch {
    throw new InvalidInput([{ field, message: `${label} has more than ${SCALE} decimal places`, rule: 'amount' }])
  }
  if (units === 0n && !allowZero) throw new InvalidInput([{ field, message: `${label} must be greater than zero`, rule: 'amount' }])
  return units
}

/** Units → the wire's decimal string with the ledger's scale ("12.500000"). */
export function fromUnits(units: bigint | string | number): string {
  return formatUnits(BigInt(units), SCALE)
}

/** Units → text for people in messages and files: the asset's precision, no trailing zeros beyond ("12.50" USD, "115" credits). */
export function displayUnits(units: bigint | string | number): string {
  return trimAmount(fromUnits(units), creditdesk.asset)
}

function humanize(field: string) {
  const words = field.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
