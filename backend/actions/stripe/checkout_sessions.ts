/**
 * The Checkout Session calls made outside the webhook: read one with its PaymentIntent and
 * latest charge (sync, expiry, close), and expire one so that it can no longer be paid.
 */
import { callStripe, stripe, type Stripe } from '#services/stripe'

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
