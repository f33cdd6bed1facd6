/**
 * What Stripe objects say about an order, as PaymentFacts for the order state machine, and
 * which order an event is about. Used by the webhook and by "sync with Stripe" alike, so both
 * apply the same rules.
 */
import db from '@adonisjs/lucid/services/db'
import type { PaymentFacts } from '#services/orders/payment_facts'
import type { ProviderRefundFact } from '#services/orders/provider_refunds'
import { listRefunds, retrievePaymentIntent, type Stripe } from './gateway.js'

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null))
const at = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null)

/** The event types that change an order; every other type is stored and ignored. */
export const HANDLED_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'charge.refunded',
  'charge.refund.updated',
  'refund.created',
  'refund.updated',
  'refund.failed',
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.closed',
]

/** A Stripe Refund as a fact about one provider refund. */
export function refundFact(refund: any): ProviderRefundFact {
  return {
    id: String(refund.id),
    amount: Number(refund.amount),
    status: String(refund.status ?? 'succeeded'),
    failureReason: refund.failure_reason ?? null,
    ourRefundId: refund.metadata?.refund_id ?? null,
  }
}

/**
 * The individual refunds of a `charge.refunded` event's charge. Current API versions do not
 * include them in the event (the charge's `refunds` list is not expanded), so they are listed
 * from Stripe — before the database transaction, like the order lookup. Without them the
 * refunded credit could not be taken back under a per-refund key; a failed listing fails the
 * delivery and Stripe retries it.
 */
export async function refundsOfEvent(event: Stripe.Event): Promise<ProviderRefundFact[] | undefined> {
  const object: any = event.data.object
  if (event.type !== 'charge.refunded' || !(Number(object.amount_refunded) > 0)) return undefined
  if (Array.isArray(object.refunds?.data) && !object.refunds.has_more) return object.refunds.data.map(refundFact)
  const paymentId = idOf(object.payment_intent)
  return paymentId ? listProviderRefunds(paymentId) : listProviderRefunds(null, object.id)
}

/** Every refund of a payment (PaymentIntent, or charge), as facts. */
export async function listProviderRefunds(paymentId: string | null, chargeId?: string): Promise<ProviderRefundFact[]> {
  return (await listRefunds(paymentId, chargeId)).map(refundFact)
}

/** Facts of one event. `eventTime` keeps the recorded times the same whatever the delivery order. */
export function factsFromEvent(event: Stripe.Event, refunds?: ProviderRefundFact[]): PaymentFacts {
  const object: any = event.data.object
  const eventTime = at(event.created)
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return { ...sessionIds(object), ...(isPaid(object) ? { paid: { amount: object.amount_total, currency: object.currency, at: eventTime } } : {}) }
    case 'checkout.session.async_payment_failed':
      return { ...sessionIds(object), failed: { reason: 'The payment did not go through (delayed payment method failed)', at: eventTime } }
    case 'checkout.session.expired':
      return { ...sessionIds(object), expired: { at: eventTime } }
    case 'charge.refunded':
      return { paymentId: idOf(object.payment_intent), refunded: { amount: object.amount_refunded, at: eventTime }, ...(refunds ? { refunds } : {}) }
    case 'charge.refund.updated':
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed':
      return { paymentId: idOf(object.payment_intent), refunds: [refundFact(object)] }
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.closed':
      return { paymentId: idOf(object.payment_intent), dispute: { id: object.id, amount: object.amount, status: object.status, reason: object.reason ?? null } }
    default:
      return {}
  }
}

/** Facts of a Checkout Session retrieved with its PaymentIntent and latest charge expanded (sync). */
export function factsFromSession(session: Stripe.Checkout.Session): PaymentFacts {
  const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null
  const charge: any = intent && typeof intent.latest_charge === 'object' ? intent.latest_charge : null
  const facts: PaymentFacts = sessionIds(session)
  if (session.status === 'complete' && isPaid(session)) {
    facts.paid = { amount: session.amount_total, currency: session.currency, at: at(charge?.created ?? intent?.created) }
  } else if (session.status === 'expired') {
    facts.expired = {}
  } else if (session.status === 'complete' && intent && ['canceled', 'requires_payment_method'].includes(intent.status)) {
    facts.failed = { reason: 'The payment did not go through (found by sync with Stripe)' }
  }
  if (charge && charge.amount_refunded > 0) facts.refunded = { amount: charge.amount_refunded, at: null }
  return facts
}

/** Adds the individual refunds to facts that report a refunded amount (sync, reconciliation). */
export async function withRefunds(facts: PaymentFacts): Promise<PaymentFacts> {
  if (!facts.refunded || !(facts.refunded.amount > 0) || !facts.paymentId) return facts
  return { ...facts, refunds: await listProviderRefunds(facts.paymentId) }
}

function isPaid(session: { payment_status?: string | null }) {
  return session.payment_status === 'paid' || session.payment_status === 'no_payment_required'
}

function sessionIds(session: any): PaymentFacts {
  return { channelOrderId: session.id ?? null, paymentId: idOf(session.payment_intent) }
}

/**
 * The order an event is about, or null. Checkout Sessions carry our order id in metadata and
 * the order number as client_reference_id (both must agree). Charges and disputes name a
 * PaymentIntent: known once the session completed; before that (events out of order) the
 * PaymentIntent is fetched from Stripe for the order id we put in its metadata.
 */
export async function resolveOrderId(event: Stripe.Event): Promise<number | null> {
  const object: any = event.data.object
  if (event.type.startsWith('checkout.session.')) {
    const byMetadata = Number(object.metadata?.order_id)
    if (Number.isSafeInteger(byMetadata) && byMetadata > 0) {
      const order = await db.from('orders').where('id', byMetadata).where('channel', 'stripe').first()
      if (order && (order.number === object.client_reference_id || order.channel_order_id === object.id)) return Number(order.id)
    }
    const bySession = await db.from('orders').where({ channel: 'stripe', channel_order_id: object.id }).first()
    return bySession ? Number(bySession.id) : null
  }
  const paymentId = idOf(object.payment_intent)
  if (!paymentId) return null
  const known = await db.from('orders').where({ channel: 'stripe', channel_payment_id: paymentId }).first()
  if (known) return Number(known.id)
  const fromCharge = Number(object.metadata?.order_id)
  const orderId = Number.isSafeInteger(fromCharge) && fromCharge > 0 ? fromCharge : await orderIdFromIntent(paymentId)
  if (!orderId) return null
  const order = await db.from('orders').where('id', orderId).where('channel', 'stripe').first()
  if (!order || (order.channel_payment_id && order.channel_payment_id !== paymentId)) return null
  return Number(order.id)
}

async function orderIdFromIntent(paymentId: string) {
  const intent = await retrievePaymentIntent(paymentId)
  const id = Number(intent?.metadata?.order_id)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}
