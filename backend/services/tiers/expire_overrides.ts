/**
 * Staff overrides past their end date end (job `tier-overrides-expire`, every minute): the
 * customer goes back to its computed (or negotiated) tier and limits, with a tier_history row, an
 * audit row and a notification. One transaction per customer, rows claimed with SKIP LOCKED, so a
 * staff action on the same customer is not waited for and several runners never end one twice.
 * Reads resolve an ended override at once (resolve.ts); this writes it for verify.
 */
import { transaction } from '#services/transaction'
import { SYSTEM_ACTOR } from '#services/audit'
import { CUSTOMER_TIER_COLUMNS, type CustomerTierColumns } from './rows.js'
import { applyTier } from './apply_tier.js'

const EXPIRY_ACTOR = { ...SYSTEM_ACTOR, label: 'tier-overrides-expire' }

export async function expireTierOverrides(now = new Date(), limit = 1000) {
  let ended = 0
  for (let i = 0; i < limit; i++) {
    const done = await transaction(async (trx) => {
      const { rows } = await trx.rawQuery(
        `SELECT ${CUSTOMER_TIER_COLUMNS.join(', ')} FROM customers
          WHERE tier_override IS NOT NULL AND tier_override_until <= ?
          ORDER BY tier_override_until, id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED`,
        [now]
      )
      const customer: CustomerTierColumns | undefined = rows[0]
      if (!customer) return false
      await applyTier(trx, Number(customer.id), {
        cause: 'override_expired',
        current: customer,
        set: { tier_override: null, tier_override_until: null, tier_override_reason: null },
        reason: `The override to ${customer.tier_override} ended`,
        actor: EXPIRY_ACTOR,
        now,
      })
      return true
    })
    if (!done) break
    ended++
  }
  return ended
}
