/** Ends a staff override now: the customer's computed (or negotiated) tier and its limits return. */
import { BadRequest } from '#exceptions/domain_errors'
import type { EngineAction } from '#services/use_case'
import { applyTier, lockCustomerTier } from '#services/tiers/apply_tier'

const clearCustomerTierOverride: EngineAction = {
  async handle({ record, reason }, { trx, actor, facts }) {
    const customerId = Number(record!.id)
    const current = await lockCustomerTier(trx, customerId)
    if (!current?.tier_override) throw new BadRequest('The customer has no tier override')
    const applied = await applyTier(trx, customerId, {
      cause: 'override_cleared',
      current,
      set: { tier_override: null, tier_override_until: null, tier_override_reason: null },
      reason,
      actor,
      facts,
      audit: false,
    })
    return { message: `Override cleared; the customer is on ${applied.tier} (${applied.source})`, auditMetadata: { tier: applied.tier, tier_source: applied.source } }
  },
}
export default clearCustomerTierOverride
