/**
 * Which tier a customer is on and its effective limits, in one pure function:
 * 1. an active staff override (no end date, or one still ahead) → the override tier's limits;
 * 2. an organisation with negotiated terms → the negotiated tier's RPM, and TPM unlimited, the
 *    custom TPM (which may exceed the table's largest) or the tier's;
 * 3. otherwise the computed tier (from recharges) and its limits.
 * NULL limits mean unlimited, as customers.rpm_limit / tpm_limit store them.
 */
import type { TierSource } from '#contract/tiers'
import type { CustomerTierColumns } from './rows.js'
import { tierByCode, type TierTable } from './table.js'

export type ResolvedTier = { tier: string; source: TierSource; rpm: number | null; tpm: string | null }

export function overrideActive(customer: Pick<CustomerTierColumns, 'tier_override' | 'tier_override_until'>, now = new Date()) {
  return !!customer.tier_override && (!customer.tier_override_until || new Date(customer.tier_override_until).getTime() > now.getTime())
}

export function resolveTier(customer: CustomerTierColumns, tiers: TierTable, now = new Date()): ResolvedTier {
  if (overrideActive(customer, now)) {
    const tier = tierByCode(tiers, customer.tier_override!)
    return { tier: tier.code, source: 'override', rpm: tier.rpm, tpm: tier.tpm === null ? null : String(tier.tpm) }
  }
  if (customer.type === 'organization' && customer.negotiated_tier) {
    const tier = tierByCode(tiers, customer.negotiated_tier)
    const tpm = customer.unlimited_tpm ? null : customer.custom_tpm !== null ? String(customer.custom_tpm) : tier.tpm === null ? null : String(tier.tpm)
    return { tier: tier.code, source: 'negotiated', rpm: tier.rpm, tpm }
  }
  const tier = tierByCode(tiers, customer.computed_tier)
  return { tier: tier.code, source: 'computed', rpm: tier.rpm, tpm: tier.tpm === null ? null : String(tier.tpm) }
}
