/**
 * "Sync with Stripe": reads the order's Checkout Session (with its PaymentIntent and latest
 * charge) and applies what it says through the same state machine as the webhook — a payment
 * the webhook missed is recorded and credited once, an expired session cancels, refunds are
 * reconciled (a refund made at Stripe takes its credit back, apply_provider_refunds.ts). Disputes
 * arrive by webhook only. The engine locks the order and audits the change.
 */
import type { ActionContext, UseCase } from '#engine/types'
import { actorOf } from '#services/audit'
import { BadRequest } from '#exceptions/domain_errors'
import { retrieveSession } from '#actions/stripe/checkout_sessions'
import { factsFromSession, withRefunds } from '#actions/stripe/stripe_facts'
import { applyPaymentFacts } from './apply_payment_facts.js'

const syncOrder: UseCase = {
  async handle({ trx, record, ctx }: ActionContext) {
    const order = record!
    if (order.channel !== 'stripe') throw new BadRequest('Only card (Stripe) orders can be synced')
    if (!order.channel_order_id) throw new BadRequest('This order never reached Stripe (no checkout session)')
    const session = await retrieveSession(order.channel_order_id)
    const applied = await applyPaymentFacts(trx, order.id, await withRefunds(factsFromSession(session)), actorOf(ctx), { action: 'sync', audit: false })
    await trx.from('orders').where('id', order.id).update({ operator_id: actorOf(ctx).id })
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
