/**
 * Refund settings: the smallest amount that may be refunded (REFUND_MINIMUM, a decimal in the
 * order's currency, default "10.00" — admin-prd §2). Mutable so tests can change it.
 */
import env from '#start/env'
import { parseUnits } from '#contract/money'
import { CURRENCY_SCALE } from '#config/payments'

const raw = env.get('REFUND_MINIMUM') ?? '10.00'
if (!/^\d{1,12}(\.\d{1,2})?$/.test(raw)) throw new Error(`REFUND_MINIMUM must be a decimal amount such as "10.00" (got "${raw}")`)

export const refundSettings = {
  /** Minimum refund in the currency's minor units. */
  minimum: parseUnits(raw, CURRENCY_SCALE),
}
