/**
 * Expires what is left of gift lots past their date: one voucher_expiry transaction per lot
 * (gift bucket → promotion expense). Lots are claimed with SKIP LOCKED so several runners
 * never expire the same lot, and the key names the lot and its amount so a re-run is a no-op.
 */
import { transaction } from '#services/transaction'
import { SYSTEM_ACTOR } from '#services/audit'
import audit from '#services/audit'
import { post } from '#services/ledger/post'
import { systemAccount } from '#services/ledger/accounts'

export async function expireGiftLots(now = new Date(), limit = 500) {
  let expired = 0
  for (;;) {
    const done = await transaction(async (trx) => {
      const lot = await trx
        .from('gift_lots')
        .where('remaining', '>', 0)
        .where('expires_at', '<=', now)
        .orderBy('expires_at')
        .forUpdate()
        .skipLocked()
        .first()
      if (!lot) return false
      const account = await trx.from('ledger_accounts').where('id', lot.account_id).first()
      const remaining = BigInt(lot.remaining)
      const uses = await trx.from('gift_lot_usages').where('lot_id', lot.id).count('* as n').first()
      await post(
        trx,
        {
          type: 'voucher_expiry',
          idempotencyKey: `expiry:lot:${lot.id}:${uses?.n ?? 0}:${remaining}`,
          request: { lot: lot.id, remaining },
          actor: SYSTEM_ACTOR,
          customerId: Number(account.owner_id),
          amount: remaining,
          reference: { type: 'gift_lot', id: lot.id },
          memo: 'Gift balance expired',
        },
        async (transactionId) => {
          await trx.from('gift_lots').where('id', lot.id).update({ remaining: '0', expired_at: now })
          await trx.insertQuery().table('gift_lot_usages').insert({ transaction_id: transactionId, lot_id: lot.id, amount: remaining.toString() })
          return [
            { accountId: Number(lot.account_id), amount: -remaining },
            { accountId: await systemAccount(trx, 'promotion_expense'), amount: remaining },
          ]
        }
      )
      await audit.record(trx, { action: 'voucher_expiry', resource: 'gift-lots', recordId: lot.id, metadata: { amount: remaining.toString() } }, SYSTEM_ACTOR, {
        ip: null,
        userAgent: null,
        requestId: null,
      })
      return true
    })
    if (!done) break
    if (++expired >= limit) break
  }
  return expired
}
