/**
 * A Stripe webhook delivery (POST /api/webhooks/stripe), around the use case that applies the
 * event (actions/payments/handle_stripe_webhook.ts):
 *
 * 1. Verify: `constructEvent` over the raw body with the endpoint secret and a 300 s
 *    tolerance; a timestamp in the future beyond a small clock skew is refused too (a signature
 *    made to be replayed later). A bad or missing signature, a stale timestamp or a body that is
 *    not byte-for-byte what Stripe signed is refused (400) with nothing written except the
 *    `webhook.rejected` audit row.
 * 2. Look up, before any transaction, which order the event is about and (for
 *    `charge.refunded`) its individual refunds: both may ask Stripe.
 * 3. Apply the event in one database transaction, as the `stripe` system actor.
 * 4. If that fails, the event is recorded as `failed` with the error (in its own statement)
 *    and Stripe gets a 500, so it retries; the retry processes it again.
 */
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import audit, { type Actor, type RequestFacts } from '#services/audit'
import { transaction } from '#services/transaction'
import { BadRequest, DomainError } from '#exceptions/domain_errors'
import handleStripeWebhook, { type WebhookOutcome } from '#actions/payments/handle_stripe_webhook'
import { PaymentsUnavailable, verifyWebhook, type Stripe } from './gateway.js'
import { HANDLED_EVENTS, refundsOfEvent, resolveOrderId } from './stripe_facts.js'

export const STRIPE_ACTOR: Actor = { type: 'system', id: null, label: 'stripe', role: null }

export class WebhookProcessingFailed extends DomainError {
  status = 500
  code = 'E_WEBHOOK_FAILED'
}

export async function receiveStripeWebhook(rawBody: string, signature: string | undefined, facts: RequestFacts): Promise<WebhookOutcome> {
  let event: Stripe.Event
  try {
    event = verifyWebhook(rawBody, signature)
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

/** Applies one (verified or stored) event; also used to reprocess a failed one (reconciliation). */
export async function processStripeEvent(event: Stripe.Event, facts: RequestFacts): Promise<WebhookOutcome> {
  try {
    const orderId = HANDLED_EVENTS.includes(event.type) ? await resolveOrderId(event) : null
    const refunds = orderId !== null ? await refundsOfEvent(event) : undefined
    return await transaction((trx) => handleStripeWebhook.handle({ event, orderId, refunds }, { trx, actor: STRIPE_ACTOR, facts }))
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
