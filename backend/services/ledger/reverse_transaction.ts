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
import { ARREARS } from '#services/ledger/accounts'
import { lockWallet, splitGiveBack } from '#services/ledger/arrears'

export async function reverseTransaction(trx: TransactionClientContract, transactionId: number, actor: Actor, reason: string, idempotencyKey = randomUUID()) {
  const original = await trx.from('ledger_transactions').where('id', transactionId).first()
  if (!original) throw new NotFound(`Transaction ${transactionId} was not found`)
  if (original.type === 'reversal') throw new BadRequest('A reversal cannot itself be reversed')
  const already = await trx.from('ledger_transactions').where('reverses_transaction_id', transactionId).first()
  if (already) throw new Conflict(`Transaction ${transactionId} was already reversed by transaction ${already.id}`)

  const entries = await trx
    .from('ledger_entries as e')
    .join('ledger_accounts as a', 'a.id', 'e.account_id')
    .where('e.transaction_id', transactionId)
    .select('e.account_id', 'e.amount', 'a.code', 'a.owner_type', 'a.owner_id')
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
        return compensatingEntries(trx, entries)
      }
    )
  } catch (error: any) {
    if (error?.code === '23505' && String(error.constraint ?? error.detail ?? '').includes('reverses_transaction_id')) {
      throw new Conflict(`Transaction ${transactionId} was already reversed`)
    }
    throw error
  }
}

type EntryRow = { account_id: number | string; amount: string; code: string; owner_type: string; owner_id: number | string | null }

/**
 * Every entry negated — except what a debit put on the customer's arrears (usage the balance could
 * not cover): only what is still owed goes back there; the part a recharge has settled since
 * returns to the customer's cash, so the arrears account never goes above zero.
 */
async function compensatingEntries(trx: TransactionClientContract, entries: EntryRow[]) {
  const out = []
  for (const e of entries) {
    const back = -BigInt(e.amount)
    if (e.owner_type === 'customer' && e.code === ARREARS && back > 0n) {
      const wallet = await lockWallet(trx, Number(e.owner_id))
      const split = splitGiveBack(back, wallet.owed)
      out.push({ accountId: wallet.arrearsId, amount: split.toArrears }, { accountId: wallet.cashId, amount: split.toCash })
    } else {
      out.push({ accountId: Number(e.account_id), amount: back })
    }
  }
  return out
}
