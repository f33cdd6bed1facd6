/**
 * After a tier edit: every customer whose tier or limits the new table changes is resolved again,
 * in the edit's transaction and in id order (the order every customer lock is taken in here).
 * Affected: customers on, overridden to or negotiated at the edited tier, and customers whose
 * recharges now reach a different tier than their computed one.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor, RequestFacts } from '#services/audit'
import { CUSTOMER_TIER_COLUMNS, type CustomerTierColumns } from './rows.js'
import { nextComputedTier, type TierTable } from './table.js'
import { applyTier } from './apply_tier.js'

export async function reapplyTiers(trx: TransactionClientContract, tiers: TierTable, code: string, how: { reason: string; actor: Actor; facts: RequestFacts }) {
  const { rows } = await trx.rawQuery(
    `WITH ladder AS (SELECT * FROM unnest(?::text[], ?::bigint[]) AS l(code, from_units))
     SELECT ${CUSTOMER_TIER_COLUMNS.map((c) => `c.${c}`).join(', ')} FROM customers c
      WHERE c.tier = ? OR c.computed_tier = ? OR c.tier_override = ? OR c.negotiated_tier = ?
         OR c.computed_tier <> (SELECT l.code FROM ladder l WHERE l.from_units <= c.recharged_total ORDER BY l.from_units DESC LIMIT 1)
      ORDER BY c.id
      FOR NO KEY UPDATE OF c`,
    [tiers.map((t) => t.code), tiers.map((t) => String(t.recharge_from)), code, code, code, code]
  )
  let changed = 0
  for (const customer of rows as CustomerTierColumns[]) {
    const computed = nextComputedTier(tiers, customer.computed_tier, BigInt(customer.recharged_total))
    const applied = await applyTier(trx, Number(customer.id), { cause: 'tier_edited', current: customer, tiers, set: { computed_tier: computed }, ...how })
    if (applied.changed) changed++
  }
  return changed
}
