/**
 * Paid recharges move individuals up the ladder in the transaction that credits them
 * (services/orders/credit_order.ts):
 *
 * 1. `lockForRecharge` before the posting locks the customer row, so a recharge takes the
 *    customer before its ledger accounts, in the order holds and staff actions take them.
 * 2. `countRecharge` after a new (not replayed) credit adds the amount with
 *    `recharged_total = recharged_total + x … RETURNING`: two concurrent recharges queue on the
 *    row and neither increment is lost; the one whose total reaches a threshold (exactly at it
 *    counts) upgrades the customer, once. Refunds never lower the total: it counts what was paid.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import { fromUnits } from '#services/ledger/amounts'
import { CUSTOMER_TIER_COLUMNS, type CustomerTierColumns } from './rows.js'
import { loadTiers, nextComputedTier } from './table.js'
import { applyTier, lockCustomerTier, type AppliedTier } from './apply_tier.js'

export async function lockForRecharge(trx: TransactionClientContract, customerId: number) {
  await lockCustomerTier(trx, customerId)
}

export async function countRecharge(trx: TransactionClientContract, customerId: number, amount: bigint, actor: Actor, what: string): Promise<AppliedTier | null> {
  if (amount <= 0n) return null
  const { rows } = await trx.rawQuery(
    `UPDATE customers SET recharged_total = recharged_total + ? WHERE id = ? RETURNING ${CUSTOMER_TIER_COLUMNS.join(', ')}`,
    [amount.toString(), customerId]
  )
  const current: CustomerTierColumns | undefined = rows[0]
  if (!current) return null
  const tiers = await loadTiers(trx)
  const computed = nextComputedTier(tiers, current.computed_tier, BigInt(current.recharged_total))
  return applyTier(trx, customerId, {
    cause: 'recharge',
    current,
    tiers,
    set: { computed_tier: computed },
    actor,
    reason: `${what}: cumulative recharge ${fromUnits(current.recharged_total)}`,
  })
}
