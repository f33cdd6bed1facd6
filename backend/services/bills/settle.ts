/**
 * Money that reaches a bill: payments (an order with `bill_id`, credited by credit_order.ts in
 * the credit's transaction) and credit notes. Each raises `paid` or `credited`, moves the status
 * (partially paid, settled) and, once the organization has nothing overdue left, lifts the overdue
 * suspension the overdue job set — all in the caller's transaction.
 *
 * A payment is refused before its order exists when it would exceed what is outstanding; two
 * payments started at once can still both arrive, so at credit time only what is outstanding is
 * applied to the bill and the rest stays in the organization's wallet as cash.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type Actor } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { PAYABLE_BILL_STATUSES } from '#contract/bills'
import type { OrderRow } from '#services/orders/rows'
import { lockBill, outstanding, type BillRow } from './rows.js'
import { liftBillingSuspension } from './suspension.js'

/** An order row with the bill it pays (orders.bill_id, migration 0062). */
export type BillOrder = OrderRow & { bill_id?: string | null }

/** The status a payable bill takes once `paid` and `credited` are what they are. */
export function statusAfterMoney(bill: Pick<BillRow, 'status' | 'amount_due' | 'paid' | 'credited'>): BillRow['status'] {
  if (!PAYABLE_BILL_STATUSES.includes(bill.status)) return bill.status
  if (outstanding(bill) === 0n) return 'settled'
  return BigInt(bill.paid) > 0n ? 'partially_paid' : bill.status
}

/** Applies a credited order to its bill (called by creditOrder for orders with a bill_id). */
export async function applyOrderToBill(trx: TransactionClientContract, order: BillOrder, transactionId: number, actor: Actor) {
  if (!order.bill_id) return null
  const bill = await lockBill(trx, order.bill_id)
  const rest = PAYABLE_BILL_STATUSES.includes(bill.status) ? outstanding(bill) : 0n
  const granted = BigInt(order.grant_amount)
  const applied = granted < rest ? granted : rest
  if (applied <= 0n) return null
  const inserted = await trx.rawQuery(
    `INSERT INTO bill_payments (bill_id, order_id, amount, ledger_transaction_id) VALUES (?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING RETURNING id`,
    [bill.id, order.id, applied.toString(), transactionId]
  )
  if (!inserted.rows.length) return null
  return raise(trx, bill, { paid: applied }, actor, { orderId: Number(order.id), applied: applied.toString(), granted: granted.toString() })
}

/** Raises a locked bill's `paid` or `credited`, moves its status and audits it. */
export async function raise(trx: TransactionClientContract, bill: BillRow, by: { paid?: bigint; credited?: bigint }, actor: Actor, metadata: Record<string, unknown>) {
  const next = { ...bill, paid: (BigInt(bill.paid) + (by.paid ?? 0n)).toString(), credited: (BigInt(bill.credited) + (by.credited ?? 0n)).toString() }
  const status = statusAfterMoney(next)
  const [updated]: BillRow[] = await trx
    .from('bills')
    .where('id', bill.id)
    .update({ paid: next.paid, credited: next.credited, status, settled_at: status === 'settled' && bill.status !== 'settled' ? new Date() : bill.settled_at, updated_at: new Date() })
    .returning('*')
  await audit.record(
    trx,
    { action: by.paid ? 'payment' : 'credit', resource: 'bills', recordId: bill.id, before: { paid: bill.paid, credited: bill.credited, status: bill.status }, after: { paid: updated.paid, credited: updated.credited, status: updated.status }, metadata },
    actor,
    NO_REQUEST
  )
  if (status === 'settled') await liftBillingSuspension(trx, Number(bill.org_id), actor)
  return updated
}
