import type { HttpContext } from '@adonisjs/core/http'
import { requestFacts } from '#services/audit'
import { receiveStripeWebhook } from '#services/payments/webhook_delivery'

/**
 * POST /api/webhooks/stripe — authenticated by the Stripe-Signature header, no session, no
 * CSRF (config/shield.ts exempts /api/webhooks/*).
 *
 * The signature covers the exact bytes Stripe sent. AdonisJS's body parser reads a JSON body
 * as UTF-8 text, keeps that text (`request.raw()`) and parses a copy; the text re-encodes to
 * the same bytes for any valid UTF-8 body, which is all Stripe sends. `request.body()` (parsed,
 * possibly normalised) is never used for verification: a body re-serialised anywhere fails.
 */
export default class StripeWebhookController {
  async handle(ctx: HttpContext) {
    const outcome = await receiveStripeWebhook(ctx.request.raw() ?? '', ctx.request.header('stripe-signature'), requestFacts(ctx))
    return { received: true, status: outcome.status, duplicate: outcome.duplicate }
  }
}
