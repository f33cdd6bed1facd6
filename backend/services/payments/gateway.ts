/**
 * The payments gateway: every call to Stripe goes through here (the client and its settings
 * live in services/stripe.ts). One module, so the calls we make — and their idempotency keys,
 * expansions and error mapping (`callStripe`: a 502 with Stripe's message) — can be read and
 * stubbed in one place.
 */
import { callStripe, constructWebhookEvent, PaymentsUnavailable, stripe, stripeConfigured, type Stripe } from '#services/stripe'

export { stripeConfigured, PaymentsUnavailable, type Stripe }

/** Opens a Checkout Session; the key makes a retried call return the same session. */
export function createCheckoutSession(params: Stripe.Checkout.SessionCreateParams, idempotencyKey: string) {
  return callStripe('open the payment page', () => stripe().checkout.sessions.create(params, { idempotencyKey }))
}

/** A Checkout Session with its PaymentIntent and latest charge (sync, expiry, close). */
export function retrieveSession(sessionId: string) {
  return callStripe('read the checkout session', () =>
    stripe().checkout.sessions.retrieve(sessionId, { expand: ['payment_intent', 'payment_intent.latest_charge'] })
  )
}

/**
 * Expires an open session and returns the session as it now is. A session that is no longer
 * open (paid meanwhile, or already expired) cannot be expired: it is read back instead, so the
 * caller decides from its real state.
 */
export async function expireSession(sessionId: string): Promise<Stripe.Checkout.Session> {
  try {
    await stripe().checkout.sessions.expire(sessionId)
  } catch (error: any) {
    if (error?.type !== 'StripeInvalidRequestError') throw error
  }
  return retrieveSession(sessionId)
}

/** Refunds (part of) a payment. Stripe replays a key's first answer, failures included. */
export function createRefund(params: { paymentIntent: string; amount: bigint; metadata: Record<string, string> }, idempotencyKey: string) {
  return callStripe('refund the payment', () =>
    stripe().refunds.create({ payment_intent: params.paymentIntent, amount: Number(params.amount), metadata: params.metadata }, { idempotencyKey })
  )
}

/** Every refund of a payment (a PaymentIntent, or a charge). */
export async function listRefunds(paymentId: string | null, chargeId?: string): Promise<Stripe.Refund[]> {
  const found: Stripe.Refund[] = []
  await callStripe('list the refunds of the payment', async () => {
    const query = paymentId ? { payment_intent: paymentId, limit: 100 } : { charge: chargeId, limit: 100 }
    for await (const refund of stripe().refunds.list(query)) found.push(refund)
  })
  return found
}

/** A PaymentIntent (its metadata names our order), or null when Stripe is not configured. */
export async function retrievePaymentIntent(paymentId: string): Promise<Stripe.PaymentIntent | null> {
  if (!stripeConfigured()) return null
  return callStripe('read the payment', () => stripe().paymentIntents.retrieve(paymentId))
}

/** Verifies a webhook delivery's signature and returns its event (see services/stripe.ts). */
export function verifyWebhook(rawBody: string | Buffer, signature: string | undefined) {
  return constructWebhookEvent(rawBody, signature)
}
