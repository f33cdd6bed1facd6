/**
 * Grants gift balance to a customer (the only manual grant, PRD §5): promotion expense →
 * the customer's gift bucket, as a lot that expires. Idempotent on the key, so a campaign
 * that restarts grants nobody twice.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import { post } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { addLot } from '#services/ledger/gift_lots'

export type VoucherGrant = {
  customerId: number
  amount: bigint
  expiresAt: Date | null
  idempotencyKey: string
  source: { type: string; id: string | number }
  memo?: string | null
}

export async function grantVoucher(trx: TransactionClientContract, grant: VoucherGrant, actor: Actor) {
  return post(
    trx,
    {
      type: 'voucher_grant',
      idempotencyKey: grant.idempotencyKey,
      request: { customerId: grant.customerId, amount: grant.amount, expiresAt: grant.expiresAt?.toISOString() ?? null, source: grant.source },
      actor,
      customerId: grant.customerId,
      amount: grant.amount,
      reference: grant.source,
      memo: grant.memo,
    },
    async (transactionId) => {
      const gift = await customerAccount(trx, grant.customerId, 'gift')
      const expense = await systemAccount(trx, 'promotion_expense')
      await addLot(trx, { accountId: gift, transactionId, amount: grant.amount, expiresAt: grant.expiresAt, sourceType: grant.source.type, sourceId: grant.source.id })
      return [
        { accountId: expense, amount: -grant.amount },
        { accountId: gift, amount: grant.amount },
      ]
    }
  )
}
