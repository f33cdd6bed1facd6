/**
 * "Sync with Stripe": reads the order's Checkout Session (with its PaymentIntent and latest
 * charge) and applies what it says through the same state machine as the webhook — a payment
 * the webhook missed is recorded and credited once, an expired session cancels, refunds are
 * reconciled (a refund made at Stripe takes its credit back, apply_provider_refunds.ts). Disputes
 * arrive by webhook only. The engine locks the order and audits the change.
 */
import type { EngineAction } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import { BadRequest } from '#exceptions/domain_errors'
import { retrieveSession } from '#services/payments/gateway'
import { factsFromSession, withRefunds } from '#services/payments/stripe_facts'
import { applyPaymentFacts } from '#services/orders/payment_facts'

const syncOrder: EngineAction<{}, OrderRow> = {
  async handle({ record }, { trx, actor }) {
    const order = record!
    if (order.channel !== 'stripe') throw new BadRequest('Only card (Stripe) orders can be synced')
    if (!order.channel_order_id) throw new BadRequest('This order never reached Stripe (no checkout session)')
    const session = await retrieveSession(order.channel_order_id)
    const applied = await applyPaymentFacts(trx, order.id, await withRefunds(factsFromSession(session)), actor, { action: 'sync', audit: false })
    await trx.from('orders').where('id', order.id).update({ operator_id: actor.id })
    const stripeState = { session: session.status, payment: session.payment_status }
    return {
      message: applied.changed
        ? `Updated from Stripe: the order is now ${String(applied.order.status).toLowerCase()}${applied.credited && !applied.credited.replayed ? ' and credited' : ''}`
        : `Already in step with Stripe (${session.status}, ${session.payment_status})`,
      auditMetadata: { stripe: stripeState, ...(applied.notes.length ? { notes: applied.notes } : {}), ...(applied.credited ? { transactionId: Number(applied.credited.transaction.id) } : {}) },
    }
  },
}
export default syncOrder
