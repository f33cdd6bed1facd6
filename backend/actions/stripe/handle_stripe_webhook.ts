/**
 * A Stripe webhook delivery (POST /api/webhooks/stripe).
 *
 * 1. Verify: `constructEvent` over the raw body with the endpoint secret and a 300 s
 *    tolerance; a timestamp in the future beyond a small clock skew is refused too (a signature
 *    made to be replayed later). A bad or missing signature, a stale timestamp or a body that is not
 *    byte-for-byte what Stripe signed is refused (400) with nothing written except the
 *    `webhook.rejected` audit row.
 * 2. Lock the order first: every event about one order takes that order's row lock before it
 *    writes anything, so events about the same order queue instead of deadlocking (the event row
 *    references the order, and its insert would otherwise share-lock the order row before the
 *    state machine asks for the exclusive lock).
 *    Claim: the event is stored by its id (INSERT … ON CONFLICT DO UPDATE). A second delivery of
 *    the same event — even at the same moment — waits on that row until the first commits,
 *    then finds it processed and does nothing but count the attempt.
 * 3. Process, in the same database transaction as the claim: the event's facts go through the
 *    order state machine (apply_payment_facts.ts), which credits a paid order exactly once.
 *    So the event is marked processed if and only if its effects committed.
 * 4. If processing fails, the event is recorded as `failed` with the error (in its own
 *    statement) and Stripe gets a 500, so it retries; the retry processes it again.
 */
import { createHash } from 'node:crypto'
import { transaction } from '#services/transaction'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import audit, { type Actor, type RequestFacts } from '#services/audit'
import { BadRequest, DomainError } from '#exceptions/domain_errors'
import { constructWebhookEvent, PaymentsUnavailable, type Stripe } from '#services/stripe'
import { applyPaymentFacts } from '#actions/orders/apply_payment_facts'
import { factsFromEvent, HANDLED_EVENTS, refundsOfEvent, resolveOrderId } from './stripe_facts.js'

export const STRIPE_ACTOR: Actor = { type: 'system', id: null, label: 'stripe', role: null }

/** Stored outcomes that end an event's life: a redelivery of one of these changes nothing. */
const SETTLED = ['processed', 'ignored', 'unmatched']

export type WebhookOutcome = { eventId: string; type: string; status: string; duplicate: boolean }

export class WebhookProcessingFailed extends DomainError {
  status = 500
  code = 'E_WEBHOOK_FAILED'
}

export async function handleStripeWebhook(rawBody: string, signature: string | undefined, facts: RequestFacts): Promise<WebhookOutcome> {
  let event: Stripe.Event
  try {
    event = constructWebhookEvent(rawBody, signature)
  } catch (error: any) {
    if (error instanceof PaymentsUnavailable) throw error
    await audit.record(
      db.connection(),
      {
        action: 'webhook.rejected',
        resource: 'payment-events',
        metadata: {
          provider: 'stripe',
          why: String(error?.message ?? error).slice(0, 300),
          signature: signature ? 'present' : 'missing',
          bodyBytes: Buffer.byteLength(rawBody),
          bodySha256: createHash('sha256').update(rawBody).digest('hex'),
        },
      },
      STRIPE_ACTOR,
      facts
    )
    throw new BadRequest('Webhook signature verification failed')
  }
  return processStripeEvent(event, facts)
}

export async function processStripeEvent(event: Stripe.Event, facts: RequestFacts): Promise<WebhookOutcome> {
  const handled = HANDLED_EVENTS.includes(event.type)
  try {
    const orderId = handled ? await resolveOrderId(event) : null
    const refunds = orderId !== null ? await refundsOfEvent(event) : undefined
    return await transaction(async (trx) => {
      if (orderId !== null) await trx.from('orders').where('id', orderId).forUpdate().select('id')
      const claim = await trx.rawQuery(
        `INSERT INTO payment_events (provider, event_id, type, livemode, payload, event_created_at, order_id, status)
         VALUES ('stripe', ?, ?, ?, ?::jsonb, to_timestamp(?), ?, 'received')
         ON CONFLICT (provider, event_id) DO UPDATE
           SET attempts = payment_events.attempts + 1, last_received_at = now()
         RETURNING id, status`,
        [event.id, event.type, !!event.livemode, JSON.stringify(event), event.created ?? null, orderId] as any[]
      )
      const stored = claim.rows[0]
      const outcome = (status: string, duplicate = false) => ({ eventId: event.id, type: event.type, status, duplicate })
      if (SETTLED.includes(stored.status)) return outcome(stored.status, true)

      const status = !handled ? 'ignored' : orderId === null ? 'unmatched' : 'processed'
      if (status === 'processed') {
        await applyPaymentFacts(trx, orderId!, factsFromEvent(event, refunds), STRIPE_ACTOR, {
          action: `stripe.${event.type}`,
          requestFacts: facts,
          metadata: { eventId: event.id },
        })
      }
      await trx
        .from('payment_events')
        .where('id', stored.id)
        .update({ status, order_id: orderId, error: null, processed_at: new Date() })
      return outcome(status)
    })
  } catch (error: any) {
    logger.error({ err: error, eventId: event.id, type: event.type }, 'stripe event could not be processed')
    await recordFailure(event, error).catch((failure) => logger.error({ err: failure }, 'could not record a failed stripe event'))
    throw new WebhookProcessingFailed(`Event ${event.id} could not be processed; Stripe will retry it`)
  }
}

async function recordFailure(event: Stripe.Event, error: any) {
  await db.rawQuery(
    `INSERT INTO payment_events (provider, event_id, type, livemode, payload, event_created_at, status, error)
     VALUES ('stripe', ?, ?, ?, ?::jsonb, to_timestamp(?), 'failed', ?)
     ON CONFLICT (provider, event_id) DO UPDATE
       SET status = 'failed', error = EXCLUDED.error, attempts = payment_events.attempts + 1, last_received_at = now()
       WHERE payment_events.status NOT IN ('processed', 'ignored', 'unmatched')`,
    [event.id, event.type, !!event.livemode, JSON.stringify(event), event.created ?? null, String(error?.message ?? error).slice(0, 2000)] as any[]
  )
}
