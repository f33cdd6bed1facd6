/**
 * A customer buys a plan, step 2: the Stripe Checkout Session for the committed PENDING order
 * (mode payment, our order number as client_reference_id, our order id in the session's and
 * the PaymentIntent's metadata, success and cancel URLs to the portal's
 * /billing/result?order=…), created with the idempotency key `checkout:order:<id>` so a
 * retried call never opens two sessions.
 *
 * If Stripe refuses, the order is marked FAILED with the reason in the caller's transaction
 * and the provider's error is returned (not thrown, so that the FAILED mark commits); the
 * caller answers with it (a 502).
 */
import creditdesk from '#config/creditdesk'
import payments from '#config/payments'
import type { UseCase } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import { displayUnits } from '#services/ledger/amounts'
import { createCheckoutSession } from '#services/payments/gateway'
import { auditOrder } from '#services/orders/order_audit'

const STRIPE_MIN_SESSION_MINUTES = 31
const STRIPE_MAX_SESSION_MINUTES = 24 * 60

export type OpenedCheckout = { order: OrderRow; checkoutUrl: string; error?: undefined } | { order: OrderRow; checkoutUrl?: undefined; error: Error }

const openCheckoutSession: UseCase<{ order: OrderRow; customerEmail: string; origin: string }, OpenedCheckout> = {
  async handle({ order, customerEmail, origin }, { trx, actor, facts }) {
    const sessionMinutes = Math.min(STRIPE_MAX_SESSION_MINUTES, Math.max(STRIPE_MIN_SESSION_MINUTES, payments.pendingTimeoutMinutes))
    const result = (outcome: string) => `${origin}/billing/result?order=${encodeURIComponent(order.number)}&outcome=${outcome}`
    const metadata = { order_id: String(order.id), order_number: order.number }
    try {
      const session = await createCheckoutSession(
        {
          mode: 'payment',
          client_reference_id: order.number,
          customer_email: customerEmail,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: payments.currency.toLowerCase(),
                unit_amount: Number(order.amount),
                product_data: { name: `${order.plan_name} — ${displayUnits(order.grant_amount)} ${creditdesk.asset === 'CREDIT' ? 'credits' : creditdesk.asset}` },
              },
            },
          ],
          metadata,
          payment_intent_data: { metadata },
          success_url: result('success'),
          cancel_url: result('cancel'),
          expires_at: Math.floor(Date.now() / 1000) + sessionMinutes * 60,
        },
        `checkout:order:${order.id}`
      )
      const [updated]: OrderRow[] = await trx
        .from('orders')
        .where('id', order.id)
        .update({ channel_order_id: trx.raw('coalesce(channel_order_id, ?)', [session.id]), checkout_url: session.url, updated_at: new Date() })
        .returning('*')
      return { order: updated, checkoutUrl: session.url as string }
    } catch (error) {
      const [failed]: OrderRow[] = await trx
        .from('orders')
        .where('id', order.id)
        .where('status', 'PENDING')
        .update({ status: 'FAILED', failed_at: new Date(), failure_reason: 'The payment page could not be opened', updated_at: new Date() })
        .returning('*')
      if (failed) await auditOrder(trx, { action: 'checkout.failed', before: order, after: failed, metadata: { error: String((error as Error).message).slice(0, 300) } }, actor, facts)
      return { order: failed ?? order, error: error as Error }
    }
  },
}
export default openCheckoutSession
