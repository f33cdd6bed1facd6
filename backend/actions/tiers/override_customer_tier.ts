/**
 * Staff override a customer's tier (调级), with a reason and an optional end date: the customer
 * takes the override tier's limits at once; when the end date passes (job tier-overrides-expire,
 * and every read before it runs) the computed or negotiated tier returns. The engine audits the
 * action with the customer's before/after; the tier history records it too.
 */
import { BadRequest, InvalidInput } from '#exceptions/domain_errors'
import type { EngineAction } from '#services/use_case'
import { applyTier, lockCustomerTier } from '#services/tiers/apply_tier'
import { loadTiers } from '#services/tiers/table'

type Fields = { tier: string; until?: string | Date | null }

const overrideCustomerTier: EngineAction<Fields> = {
  async handle({ record, fields, reason }, { trx, actor, facts }) {
    const customerId = Number(record!.id)
    const tiers = await loadTiers(trx)
    const tier = tiers.find((t) => t.code === fields.tier)
    if (!tier) throw new InvalidInput([{ field: 'tier', message: `Unknown tier "${fields.tier}"`, rule: 'enum' }])
    const until = fields.until ? new Date(fields.until) : null
    if (until && !(until.getTime() > Date.now())) throw new InvalidInput([{ field: 'until', message: 'The end date must be in the future', rule: 'after' }])
    const current = await lockCustomerTier(trx, customerId)
    if (!current) throw new BadRequest('The customer was not found')
    const applied = await applyTier(trx, customerId, {
      cause: 'override_set',
      current,
      tiers,
      set: { tier_override: tier.code, tier_override_until: until, tier_override_reason: reason ?? null },
      reason,
      actor,
      facts,
      audit: false,
    })
    return {
      message: `Tier overridden to ${tier.name}${until ? ` until ${until.toISOString()}` : ''}`,
      auditMetadata: { tier: tier.code, until: until?.toISOString() ?? null, rpm_limit: applied.rpm, tpm_limit: applied.tpm },
    }
  },
}
export default overrideCustomerTier
