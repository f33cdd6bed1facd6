/**
 * Finance's manual cash adjustment, once approved (actions/cash_adjustments/): one
 * `cash_adjustment` transaction under the key `cash_adjustment:<id>`, so however many
 * approvals race, the adjustment posts once.
 *
 *   credit  C:  cash_adjustments −C, cash +C   (then arrears, if any, are settled from cash as a recharge does)
 *   debit   C:  cash −C, cash_adjustments +C   (refused when cash holds less than C: a manual debit never
 *                                              creates arrears — arrears are only money the provider took back)
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import { formatMoney } from '#contract/money'
import type { Actor } from '#services/audit'
import { Conflict } from '#exceptions/domain_errors'
import { post, type Posted } from './post.js'
import { customerAccount, systemAccount } from './accounts.js'
import { settleArrears } from './arrears.js'
import { fromUnits } from './amounts.js'

export type CashAdjustment = {
  id: number
  customerId: number
  direction: 'credit' | 'debit'
  amount: bigint
  reason: string
  reference: string
}

/** 409 naming the balance, when a debit would take cash below zero. */
export async function assertDebitCovered(trx: TransactionClientContract, customerId: number, amount: bigint, lock = false) {
  const cashId = await customerAccount(trx, customerId, 'cash')
  const query = trx.from('ledger_accounts').where('id', cashId)
  if (lock) query.forUpdate()
  const cash = BigInt((await query.first()).balance)
  if (cash < amount) {
    const money = (units: bigint) => formatMoney(fromUnits(units), creditdesk.asset)
    throw new Conflict(`The customer's cash balance is ${money(cash)}: a debit of ${money(amount)} would overdraw it`)
  }
  return cashId
}

export async function postCashAdjustment(trx: TransactionClientContract, adjustment: CashAdjustment, actor: Actor): Promise<{ posted: Posted; settlement: Posted | null }> {
  const { id, customerId, direction, amount } = adjustment
  if (direction === 'debit') await assertDebitCovered(trx, customerId, amount, true)
  const sign = direction === 'credit' ? 1n : -1n
  const posted = await post(
    trx,
    {
      type: 'cash_adjustment',
      idempotencyKey: `cash_adjustment:${id}`,
      request: { adjustment: id, customerId, direction, amount },
      actor,
      customerId,
      // a `signed` type in the contract (#contract/ledger_types): + credit, − debit
      amount: sign * amount,
      reference: { type: 'cash_adjustment', id },
      memo: `${adjustment.reason} (${adjustment.reference})`,
    },
    async () => [
      { accountId: await systemAccount(trx, 'cash_adjustments'), amount: -sign * amount },
      { accountId: await customerAccount(trx, customerId, 'cash'), amount: sign * amount },
    ]
  )
  const settlement =
    direction === 'credit' && !posted.replayed
      ? await settleArrears(trx, customerId, `arrears_settlement:cash_adjustment:${id}`, actor, { type: 'cash_adjustment', id }, 'Arrears settled from a cash adjustment')
      : null
  return { posted, settlement }
}
