/**
 * Giving a hold's gift money back to the very lots it came from. The hold's posting recorded
 * every take (gift_lot_usages); later give-backs of the same hold are recorded as negative
 * usages, so what a hold still has out of each lot is the sum of its usages across its own
 * transactions — never more can go back to a lot than the hold took from it.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

const min = (a: bigint, b: bigint) => (a < b ? a : b)

/**
 * Gives `amount` back to the lots taken by `transactionIds` (the hold's posting and any
 * give-back already made), in `order`: `latest_first` (a release after a partial capture: the
 * capture used the soonest-expiring lots) or `soonest_first` (a refund of what the capture used).
 * Each give-back is recorded under `transactionId` as a negative usage.
 */
export async function giveBackToLots(
  trx: TransactionClientContract,
  transactionIds: number[],
  transactionId: number,
  amount: bigint,
  order: 'latest_first' | 'soonest_first'
) {
  if (amount <= 0n) return
  const out = await trx
    .from('gift_lot_usages as u')
    .join('gift_lots as l', 'l.id', 'u.lot_id')
    .whereIn('u.transaction_id', transactionIds)
    .groupBy('u.lot_id', 'l.expires_at')
    .havingRaw('sum(u.amount) > 0')
    .orderByRaw(order === 'latest_first' ? 'l.expires_at DESC NULLS FIRST, u.lot_id DESC' : 'l.expires_at ASC NULLS LAST, u.lot_id ASC')
    .select('u.lot_id')
    .sum('u.amount as amount')
  let left = amount
  for (const lot of out) {
    if (left === 0n) break
    const back = min(BigInt(lot.amount), left)
    await trx.rawQuery('UPDATE gift_lots SET remaining = remaining + ? WHERE id = ?', [back.toString(), lot.lot_id])
    await trx.insertQuery().table('gift_lot_usages').insert({ transaction_id: transactionId, lot_id: lot.lot_id, amount: (-back).toString() })
    left -= back
  }
  if (left !== 0n) throw new Error(`transactions ${transactionIds.join(', ')} took less gift than is being given back`)
}
