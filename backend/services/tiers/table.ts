/**
 * The tier table and the rules read from it, as pure functions over a loaded snapshot (so a tier
 * edit can resolve customers against the table as it will be, before the row is written).
 *
 * - The ladder is the tiers ordered by `recharge_from`: a cumulative recharge of exactly a tier's
 *   `recharge_from` reaches it; one unit less does not.
 * - Tiers never drop by themselves: a customer whose recharges give a lower tier than the one it
 *   holds (the table's thresholds were raised) keeps its tier unless that tier `may_downgrade`.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { TierRow } from './rows.js'

export type TierTable = TierRow[]

/** Every tier, lowest threshold first. */
export async function loadTiers(client: QueryClientContract): Promise<TierTable> {
  return client.from('tiers').orderBy('recharge_from', 'asc').select('*')
}

export function tierByCode(tiers: TierTable, code: string): TierRow {
  const tier = tiers.find((t) => t.code === code)
  if (!tier) throw new Error(`tier ${code} does not exist`)
  return tier
}

/** The tier a cumulative recharge reaches: the highest `recharge_from` ≤ total. */
export function computeTier(tiers: TierTable, rechargedTotal: bigint): TierRow {
  let reached: TierRow | null = null
  for (const tier of tiers) if (BigInt(tier.recharge_from) <= rechargedTotal && (!reached || BigInt(tier.recharge_from) > BigInt(reached.recharge_from))) reached = tier
  if (!reached) throw new Error('the tier table has no tier starting at 0')
  return reached
}

/** Ladder rank (0 = the lowest threshold). */
const rank = (tiers: TierTable, code: string) => [...tiers].sort((a, b) => (BigInt(a.recharge_from) < BigInt(b.recharge_from) ? -1 : 1)).findIndex((t) => t.code === code)

/**
 * The computed tier after a change of the recharge total or of the table: up at once, down only
 * when the tier now held says `may_downgrade`.
 */
export function nextComputedTier(tiers: TierTable, held: string, rechargedTotal: bigint): string {
  const reached = computeTier(tiers, rechargedTotal)
  if (rank(tiers, reached.code) >= rank(tiers, held)) return reached.code
  const current = tiers.find((t) => t.code === held)
  return current?.may_downgrade ? reached.code : held
}

/** The next tier up the ladder from `code`, or null at the top. */
export function tierAbove(tiers: TierTable, code: string): TierRow | null {
  const sorted = [...tiers].sort((a, b) => (BigInt(a.recharge_from) < BigInt(b.recharge_from) ? -1 : 1))
  const i = sorted.findIndex((t) => t.code === code)
  return i >= 0 && i + 1 < sorted.length ? sorted[i + 1] : null
}
