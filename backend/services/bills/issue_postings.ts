/**
 * What issuing a bill posts, so that the organization's wallet owes exactly the bill's amount due:
 * usage already debited the subtotal; the bill's discount and tax are the only figures the ledger
 * has not seen. On issue:
 *
 *   discount D  `bill:<id>:discount`  bill_discount  usage_revenue −D, organization +D (arrears first, then cash)
 *   tax T       `bill:<id>:tax`       bill_tax       organization −T (cash down to its credit limit, the rest arrears), tax_payable +T
 *
 * A payment of the amount due then brings the wallet back to where prepaid money left it, and the
 * tax paid never becomes spendable credit. Voiding an issued bill reverses both postings.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import { post } from '#services/ledger/post'
import { systemAccount } from '#services/ledger/accounts'
import { lockWallet, splitGiveBack } from '#services/ledger/arrears'
import { reverseTransaction } from '#services/ledger/reverse_transaction'
import type { BillRow } from './rows.js'

const min = (a: bigint, b: bigint) => (a < b ? a : b)

export async function postBillCharges(trx: TransactionClientContract, bill: BillRow, actor: Actor) {
  const orgId = Number(bill.org_id)
  const reference = { type: 'bill', id: bill.id }
  const discount = BigInt(bill.discount)
  const tax = BigInt(bill.tax)
  if (discount > 0n) {
    const wallet = await lockWallet(trx, orgId)
    const split = splitGiveBack(discount, wallet.owed)
    await post(trx, { type: 'bill_discount', idempotencyKey: `bill:${bill.id}:discount`, request: { billId: Number(bill.id), discount }, actor, customerId: orgId, amount: discount, reference, memo: `Discount on bill ${bill.number}` }, async () => [
      { accountId: await systemAccount(trx, 'usage_revenue'), amount: -discount },
      { accountId: wallet.arrearsId, amount: split.toArrears },
      { accountId: wallet.cashId, amount: split.toCash },
    ])
  }
  if (tax > 0n) {
    const wallet = await lockWallet(trx, orgId)
    const limit = await trx.from('ledger_accounts').where('id', wallet.cashId).select('credit_limit').first()
    const room = wallet.cash + BigInt(limit.credit_limit)
    const fromCash = min(tax, room > 0n ? room : 0n)
    await post(trx, { type: 'bill_tax', idempotencyKey: `bill:${bill.id}:tax`, request: { billId: Number(bill.id), tax }, actor, customerId: orgId, amount: tax, reference, memo: `Tax on bill ${bill.number}` }, async () => [
      { accountId: wallet.cashId, amount: -fromCash },
      { accountId: wallet.arrearsId, amount: -(tax - fromCash) },
      { accountId: await systemAccount(trx, 'tax_payable'), amount: tax },
    ])
  }
}

/** Reverses what issuing posted (a voided bill owes nothing). */
export async function reverseBillCharges(trx: TransactionClientContract, bill: BillRow, actor: Actor, reason: string) {
  const posted = await trx.from('ledger_transactions').whereIn('idempotency_key', [`bill:${bill.id}:discount`, `bill:${bill.id}:tax`]).orderBy('id').select('id')
  for (const row of posted) await reverseTransaction(trx, Number(row.id), actor, reason)
}
