/**
 * A customer's tier as the portal and the console's customer page show it (contract
 * CustomerTierWire): the tier, where it comes from, the effective limits, how many keys it allows
 * and what the next recharges reach. Resolved at read time, so an override whose end date has
 * passed reads as over even before the expiry job has written it.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { CustomerTierWire } from '#contract/tiers'
import { fromUnits } from '#services/ledger/amounts'
import { CUSTOMER_TIER_COLUMNS, type CustomerTierColumns } from './rows.js'
import { loadTiers, tierAbove, tierByCode } from './table.js'
import { resolveTier } from './resolve.js'

export async function describeCustomerTier(client: QueryClientContract, customerId: number, now = new Date()): Promise<CustomerTierWire | null> {
  const customer: CustomerTierColumns | null = await client.from('customers').where('id', customerId).select([...CUSTOMER_TIER_COLUMNS]).first()
  if (!customer) return null
  const tiers = await loadTiers(client)
  const resolved = resolveTier(customer, tiers, now)
  const tier = tierByCode(tiers, resolved.tier)
  const total = BigInt(customer.recharged_total)
  const above = resolved.source === 'computed' ? tierAbove(tiers, tier.code) : null
  return {
    code: tier.code,
    name: { 'en': tier.name, 'zh-CN': tier.name_zh },
    source: resolved.source,
    rpm: resolved.rpm,
    tpm: resolved.tpm === null ? null : Number(resolved.tpm),
    max_keys: tier.max_keys,
    recharged_total: fromUnits(total),
    override_until: resolved.source === 'override' && customer.tier_override_until ? new Date(customer.tier_override_until).toISOString() : null,
    next: above
      ? { code: above.code, name: { 'en': above.name, 'zh-CN': above.name_zh }, recharge_needed: fromUnits(BigInt(above.recharge_from) > total ? BigInt(above.recharge_from) - total : 0n) }
      : null,
  }
}
