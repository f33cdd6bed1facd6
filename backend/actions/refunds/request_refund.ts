/**
 * Requesting a refund (maker): operations or support, on a paid order, with a reason and an
 * amount in the order's currency. The order row is locked, the amount checked against the
 * minimum and against what is refundable (refund_money.ts: remaining paid amount minus refunds
 * already in review, and the customer's remaining cash), and a REQUESTED refund is written.
 * No money moves until finance approves. Used by the order action `request_refund` and the
 * refunds collection action `request { order_id, amount }`.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ActionContext, UseCase } from '#engine/types'
import audit, { actorOf, requestFacts, type Actor, type RequestFacts } from '#services/audit'
import { Conflict, InvalidInput, NotFound } from '#exceptions/domain_errors'
import { assertRefundable, money, toLedgerUnits } from './refund_money.js'

export async function requestRefund(
  trx: TransactionClientContract,
  orderId: number | string,
  amountMinor: bigint,
  reason: string,
  actor: Actor,
  facts: RequestFacts
) {
  const order = await trx.from('orders').where('id', orderId).forUpdate().first()
  if (!order) throw new NotFound(`Order ${orderId} was not found`)
  if (order.locked) throw new Conflict(`The order is locked (${order.lock_reason}); unlock it before refunding`)
  await assertRefundable(trx, order, amountMinor)
  const [refund] = await trx
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

export function readAmount(input: Record<string, any>) {
  if (input.amount === undefined || input.amount === null) throw new InvalidInput([{ field: 'amount', message: 'The amount to refund is required', rule: 'required' }])
  const amount = BigInt(input.amount)
  if (amount <= 0n) throw new InvalidInput([{ field: 'amount', message: 'The amount must be greater than zero', rule: 'amount' }])
  return amount
}

/** Order record action `request_refund { amount, reason }` (the engine has locked the order). */
const requestRefundOnOrder: UseCase = {
  async handle({ trx, record, ctx, input, reason }: ActionContext) {
    const { refund, order } = await requestRefund(trx, record!.id, readAmount(input), reason!, actorOf(ctx), requestFacts(ctx))
    return {
      message: `Refund of ${money(refund.amount, order.currency)} requested; it waits for finance review`,
      result: { refund_id: Number(refund.id) },
      auditMetadata: { refundId: Number(refund.id) },
    }
  },
}
export default requestRefundOnOrder
