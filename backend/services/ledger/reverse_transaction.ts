/**
 * Corrects a ledger transaction with a compensating one: every entry negated, gift lots put
 * back as they were. A transaction is reversed at most once (a unique column decides races);
 * a reversal is never itself reversed. Finance only, with a reason, audited.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { randomUUID } from 'node:crypto'
import type { Actor } from '#services/audit'
import { BadRequest, Conflict, NotFound } from '#exceptions/domain_errors'
import { signedUnits } from '#contract/ledger_types'
import { post } from '#services/ledger/post'
import { restoreLots, withdrawGrantedLots } from '#services/ledger/gift_lots'

export async function reverseTransaction(trx: TransactionClientContract, transactionId: number, actor: Actor, reason: string, idempotencyKey = randomUUID()) {
  const original = await trx.from('ledger_transactions').where('id', transactionId).first()
  if (!original) throw new NotFound(`Transaction ${transactionId} was not found`)
  if (original.type === 'reversal') throw new BadRequest('A reversal cannot itself be reversed')
  const already = await trx.from('ledger_transactions').where('reverses_transaction_id', transactionId).first()
  if (already) throw new Conflict(`Transaction ${transactionId} was already reversed by transaction ${already.id}`)

  const entries = await trx.from('ledger_entries').where('transaction_id', transactionId).select('account_id', 'amount')
  try {
    return await post(
      trx,
      {
        type: 'reversal',
        idempotencyKey,
        request: { reverses: transactionId },
        actor,
        customerId: original.customer_id,
        // `reversal` is signed (#contract/ledger_types): the opposite of the original's movement for the customer
        amount: -signedUnits(original.type, BigInt(original.amount)),
        reference: { type: 'transaction', id: transactionId },
        memo: reason,
        reverses: transactionId,
      },
      async (reversalId) => {
        await restoreLots(trx, transactionId, reversalId)
        await withdrawGrantedLots(trx, transactionId, reversalId)
        return entries.map((e) => ({ accountId: Number(e.account_id), amount: -BigInt(e.amount) }))
      }
    )
  } catch (error: any) {
    if (error?.code === '23505' && String(error.constraint ?? error.detail ?? '').includes('reverses_transaction_id')) {
      throw new Conflict(`Transaction ${transactionId} was already reversed`)
    }
    throw error
  }
}
