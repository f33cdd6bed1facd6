/**
 * One verified Stripe event, in the caller's transaction (the delivery around it — signature,
 * order lookup, failure record — is services/payments/webhook_delivery.ts):
 *
 * 1. Lock the order first: every event about one order takes that order's row lock before it
 *    writes anything, so events about the same order queue instead of deadlocking (the event
 *    row references the order, and its insert would otherwise share-lock the order row before
 *    the state machine asks for the exclusive lock).
 * 2. Claim: the event is stored by its id (INSERT … ON CONFLICT DO UPDATE). A second delivery
 *    of the same event — even at the same moment — waits on that row until the first commits,
 *    then finds it processed and does nothing but count the attempt.
 * 3. Process: the event's facts go through the order state machine (services/orders/
 *    payment_facts.ts), which credits a paid order exactly once. So the event is marked
 *    processed if and only if its effects committed.
 */
import type { UseCase } from '#services/use_case'
import type { Stripe } from '#services/payments/gateway'
import type { ProviderRefundFact } from '#services/orders/provider_refunds'
import { applyPaymentFacts } from '#services/orders/payment_facts'
import { factsFromEvent, HANDLED_EVENTS } from '#services/payments/stripe_facts'

/** Stored outcomes that end an event's life: a redelivery of one of these changes nothing. */
const SETTLED = ['processed', 'ignored', 'unmatched']

export type StripeEventInput = {
  event: Stripe.Event
  /** The order the event is about (resolved before the transaction), or null. */
  orderId: number | null
  /** The individual refunds of a `charge.refunded` event (listed before the transaction). */
  refunds?: ProviderRefundFact[]
}

export type WebhookOutcome = { eventId: string; type: string; status: string; duplicate: boolean }

const handleStripeWebhook: UseCase<StripeEventInput, WebhookOutcome> = {
  async handle({ event, orderId, refunds }, { trx, actor, facts }) {
    const handled = HANDLED_EVENTS.includes(event.type)
    if (orderId !== null) await trx.from('orders').where('id', orderId).forUpdate().select('id')
    const claim = await trx.rawQuery(
      `INSERT INTO payment_events (provider, event_id, type, livemode, payload, event_created_at, order_id, status)
       VALUES ('stripe', ?, ?, ?, ?::jsonb, to_timestamp(?), ?, 'received')
       ON CONFLICT (provider, event_id) DO UPDATE
         SET attempts = payment_events.attempts + 1, last_received_at = now()
       RETURNING id, status`,
      [event.id, event.type, !!event.livemode, JSON.stringify(event), event.created ?? null, orderId] as any[]
    )
    const stored: { id: string; status: string } = claim.rows[0]
    const outcome = (status: string, duplicate = false) => ({ eventId: event.id, type: event.type, status, duplicate })
    if (SETTLED.includes(stored.status)) return outcome(stored.status, true)

    const status = !handled ? 'ignored' : orderId === null ? 'unmatched' : 'processed'
    if (status === 'processed') {
      await applyPaymentFacts(trx, orderId!, factsFromEvent(event, refunds), actor, {
        action: `stripe.${event.type}`,
        requestFacts: facts,
        metadata: { eventId: event.id },
      })
    }
    await trx.from('payment_events').where('id', stored.id).update({ status, order_id: orderId, error: null, processed_at: new Date() })
    return outcome(status)
  },
}
export default handleStripeWebhook
