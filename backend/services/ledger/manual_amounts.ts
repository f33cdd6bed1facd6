/**
 * Amounts typed by staff for a manual grant or adjustment, after the engine has parsed the
 * money field into ledger units: greater than zero, and at most MAX_MANUAL so a typo of a few
 * extra digits (or a number beyond 2^53) is refused instead of posted.
 */
import creditdesk from '#config/creditdesk'
import { InvalidInput } from '#exceptions/domain_errors'

/** Ten million of the ledger asset per operation. */
export const MAX_MANUAL = 10_000_000n * 10n ** BigInt(creditdesk.scale)

export function manualAmount(units: unknown, field = 'amount'): bigint {
  if (typeof units !== 'string' || !/^-?\d+$/.test(units)) {
    throw new InvalidInput([{ field, message: `"${field}" is required`, rule: 'required' }])
  }
  const amount = BigInt(units)
  if (amount <= 0n) throw new InvalidInput([{ field, message: `"${field}" must be greater than zero`, rule: 'positive' }])
  if (amount > MAX_MANUAL) {
    throw new InvalidInput([{ field, message: `"${field}" must be at most 10000000`, rule: 'max' }])
  }
  return amount
}
