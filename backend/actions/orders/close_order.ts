/**
 * Closes a pending order (关闭订单), with a reason. A card order's Checkout Session is expired
 * at Stripe first, so it can no longer be paid; if Stripe says it was paid meanwhile, the
 * payment is applied instead (PAID and credited) and the order is not closed. Locked orders
 * are refused. The engine locks the order and audits.
 */
import type { EngineAction } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import { Conflict } from '#exceptions/domain_errors'
import { expireSession, stripeConfigured } from '#services/payments/gateway'
import { factsFromSession } from '#services/payments/stripe_facts'
import { applyPaymentFacts } from '#services/orders/payment_facts'
import { PAID_FAMILY } from '#services/orders/vocabulary'

const closeOrder: EngineAction<{}, OrderRow> = {
  async handle({ record, reason }, { trx, actor }) {
    const order = record!
    if (order.status !== 'PENDING') throw new Conflict(`Only a pending order can be closed; this one is ${String(order.status).toLowerCase()}`)
    if (order.locked) throw new Conflict(`The order is locked (${order.lock_reason}); unlock it first`)

    if (order.channel === 'stripe' && order.channel_order_id && stripeConfigured()) {
      const session = await expireSession(order.channel_order_id)
      const applied = await applyPaymentFacts(trx, order.id, factsFromSession(session), actor, { action: 'close', audit: false })
      if (PAID_FAMILY.includes(applied.order.status)) {
        await trx.from('orders').where('id', order.id).update({ operator_id: actor.id })
        return { message: 'Not closed: Stripe reports the order paid. It is now paid and credited.', auditMetadata: { stripe: session.status, notes: applied.notes } }
      }
      if (applied.order.status === 'FAILED') return { message: 'Not closed: Stripe reports the payment failed; the order is marked failed' }
    }
    const now = new Date()
    await trx
      .from('orders')
      .where('id', order.id)
      .whereIn('status', ['PENDING', 'CANCELLED'])
      .update({ status: 'CANCELLED', cancelled_at: now, failure_reason: `Closed by staff: ${reason}`, checkout_url: null, operator_id: actor.id, updated_at: now })
    return { message: 'Order closed' }
  },
}
export default closeOrder
