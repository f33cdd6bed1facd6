/**
 * The gift bucket as dated lots. Spending takes the soonest-expiring lot first; each
 * take is recorded (gift_lot_usages) so a reversal gives back exactly what was taken.
 * Lots are locked before the accounts (post() locks accounts after `build`), the same
 * order on every path, so two postings cannot deadlock on them.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { InsufficientFunds } from './post.js'
import { fromUnits } from './amounts.js'

export async function addLot(
  trx: TransactionClientContract,
  lot: { accountId: number; transactionId: number; amount: bigint; expiresAt: Date | null; sourceType: string; sourceId?: string | number | null }
) {
  await trx.insertQuery().table('gift_lots').insert({
    account_id: lot.accountId,
    transaction_id: lot.transactionId,
    source_type: lot.sourceType,
    source_id: lot.sourceId === undefined || lot.sourceId === null ? null : String(lot.sourceId),
    amount: lot.amount.toString(),
    remaining: lot.amount.toString(),
    expires_at: lot.expiresAt,
  })
}

/** Takes up to `wanted` from the account's live lots, soonest-expiring first. Returns what it took. */
export async function takeFromLots(trx: TransactionClientContract, accountId: number, transactionId: number, wanted: bigint, now = new Date()) {
  if (wanted <= 0n) return 0n
  const lots = await trx
    .from('gift_lots')
    .where('account_id', accountId)
    .where('remaining', '>', 0)
    .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', now))
    .orderByRaw('expires_at ASC NULLS LAST, id ASC')
    .forUpdate()
    .select('id', 'remaining')
  let taken = 0n
  for (const lot of lots) {
    if (taken === wanted) break
    const take = BigInt(lot.remaining) < wanted - taken ? BigInt(lot.remaining) : wanted - taken
    await trx.from('gift_lots').where('id', lot.id).update({ remaining: (BigInt(lot.remaining) - take).toString() })
    await trx.insertQuery().table('gift_lot_usages').insert({ transaction_id: transactionId, lot_id: lot.id, amount: take.toString() })
    taken += take
  }
  return taken
}

/** Reverses a debit's takes: each lot gets back what the original transaction took from it. */
export async function restoreLots(trx: TransactionClientContract, originalTransactionId: number, reversalTransactionId: number) {
  const usages = await trx.from('gift_lot_usages').where('transaction_id', originalTransactionId).select('lot_id', 'amount')
  let restored = 0n
  for (const usage of usages) {
    await trx.rawQuery('UPDATE gift_lots SET remaining = remaining + ? WHERE id = ?', [usage.amount, usage.lot_id])
    await trx.insertQuery().table('gift_lot_usages').insert({ transaction_id: reversalTransactionId, lot_id: usage.lot_id, amount: (-BigInt(usage.amount)).toString() })
    restored += BigInt(usage.amount)
  }
  return restored
}

/** Reverses a grant: takes the granted amount back out of the lot it created, if it is still there. */
export async function withdrawGrantedLots(trx: TransactionClientContract, originalTransactionId: number, reversalTransactionId: number) {
  const lots = await trx.from('gift_lots').where('transaction_id', originalTransactionId).forUpdate().select('id', 'amount', 'remaining')
  let withdrawn = 0n
  for (const lot of lots) {
    if (BigInt(lot.remaining) < BigInt(lot.amount)) {
      throw new InsufficientFunds(`Cannot reverse: ${fromUnits(BigInt(lot.amount) - BigInt(lot.remaining))} of this gift was already spent or expired`)
    }
    await trx.from('gift_lots').where('id', lot.id).update({ remaining: '0' })
    await trx.insertQuery().table('gift_lot_usages').insert({ transaction_id: reversalTransactionId, lot_id: lot.id, amount: lot.amount })
    withdrawn += BigInt(lot.amount)
  }
  return withdrawn
}
