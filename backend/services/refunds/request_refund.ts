/**
 * Requesting a refund (maker): operations or support, on a paid order, with a reason and an
 * amount in the order's currency. The order row is locked, the amount checked against the
 * minimum and against what is refundable (refund_money.ts: remaining paid amount minus refunds
 * already in review, and the customer's remaining cash), and a REQUESTED refund is written.
 * No money moves until finance approves. Used by the order action `request_refund` and the
 * refunds collection action `request { order_id, amount }` (actions/refunds/).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type Actor, type RequestFacts } from '#services/audit'
import { Conflict, InvalidInput, NotFound } from '#exceptions/domain_errors'
import type { OrderRow } from '#services/orders/rows'
import type { RefundRow } from './rows.js'
import { assertRefundable, money, toLedgerUnits } from './refund_money.js'

export async function requestRefund(
  trx: TransactionClientContract,
  orderId: number | string,
  amountMinor: bigint,
  reason: string,
  actor: Actor,
  facts: RequestFacts
) {
  const order: OrderRow | null = await trx.from('orders').where('id', orderId).forUpdate().first()
  if (!order) throw new NotFound(`Order ${orderId} was not found`)
  if (order.locked) throw new Conflict(`The order is locked (${order.lock_reason}); unlock it before refunding`)
  await assertRefundable(trx, order, amountMinor)
  const [refund]: RefundRow[] = await trx
    .insertQuery()
    .table('refunds')
    .insert({
      order_id: order.id,
      customer_id: order.customer_id,
      channel: order.channel,
      currency: order.currency,
      amount: amountMinor.toString(),
      ledger_amount: toLedgerUnits(order, amountMinor).toString(),
      reason,
      requested_by: actor.type === 'staff' ? actor.id : null,
    })
    .returning('*')
  await audit.record(
    trx,
    { action: 'request', resource: 'refunds', recordId: refund.id, after: { status: 'REQUESTED', order_id: Number(order.id), amount: money(amountMinor, order.currency) }, reason },
    actor,
    facts
  )
  return { refund, order }
}

export function readAmount(input: { amount?: string | bigint | null }) {
  if (input.amount === undefined || input.amount === null) throw new InvalidInput([{ field: 'amount', message: 'The amount to refund is required', rule: 'required' }])
  const amount = BigInt(input.amount)
  if (amount <= 0n) throw new InvalidInput([{ field: 'amount', message: 'The amount must be greater than zero', rule: 'amount' }])
  return amount
}
