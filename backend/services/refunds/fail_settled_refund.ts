/**
 * One of our refunds that the provider reported succeeded (or pending, which the approval
 * treats as paid out) and later reports failed or canceled (`charge.refund.updated`): the
 * money never reached the customer's card, so the credit comes back.
 *
 * In the caller's transaction, with the order row locked: a compensating
 * `provider_refund_restore` (key `refund:<id>:failed_after_settle`) gives back what the settle
 * took — arrears reduced first, then cash —, the refund becomes REFUND_FAILED with the reason
 * (finance may retry it) and the order's refunded amount goes down by the refund's amount.
 * A second report changes nothing.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import { systemAccount } from '#services/ledger/accounts'
import { giveBack } from '#services/ledger/arrears'
import { paidStatus } from '#services/orders/vocabulary'
import { notify, money } from './refund_money.js'
import type { RefundRow } from './rows.js'
import type { OrderRow } from '#services/orders/rows'

export async function failSettledRefund(trx: TransactionClientContract, refund: RefundRow, reason: string, actor: Actor) {
  if (refund.status !== 'SUCCEEDED' || !refund.settle_transaction_id) return null
  const units = BigInt(refund.ledger_amount)
  const given = await giveBack(
    trx,
    {
      type: 'provider_refund_restore',
      idempotencyKey: `refund:${refund.id}:failed_after_settle`,
      request: { refundId: Number(refund.id), units },
      actor,
      customerId: Number(refund.customer_id),
      reference: { type: 'refund', id: refund.id },
      memo: `Refund ${refund.id} failed at the payment provider after it was paid out: credit given back`,
    },
    units,
    () => systemAccount(trx, 'refunds')
  )
  const now = new Date()
  await trx.from('refunds').where('id', refund.id).update({ status: 'REFUND_FAILED', failure_reason: reason.slice(0, 2000), release_transaction_id: given.posted.transaction.id, updated_at: now })
  const order: OrderRow = await trx.from('orders').where('id', refund.order_id).forUpdate().first()
  const left = BigInt(order.refunded_amount) - BigInt(refund.amount)
  const refunded = left > 0n ? left : 0n
  const status = paidStatus({ ...order, status: 'PAID', refunded_amount: refunded.toString() })
  await trx.from('orders').where('id', order.id).update({ refunded_amount: refunded.toString(), status, updated_at: now })
  await notify(trx, refund.customer_id, 'refund.failed', { refund_id: Number(refund.id), order_number: order.number, amount: money(refund.amount, refund.currency) })
  return given
}
