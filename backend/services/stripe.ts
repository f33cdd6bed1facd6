/**
 * The Stripe client (the official `stripe` SDK) and the webhook verifier, built from
 * config/payments.ts. One client per configuration, created on first use.
 *
 * `configureStripe()` swaps the settings at runtime: the test suite points the SDK at its
 * local stand-in (tests/support/stripe_standin.ts) through the SDK's own host/port/protocol
 * options, so the code under test makes real HTTP calls with the real SDK.
 */
import Stripe from 'stripe'
import payments from '#config/payments'
import { DomainError } from '#exceptions/domain_errors'

export type StripeSettings = {
  secretKey: string | null
  webhookSecret: string | null
  host: string | null
  port: number | string | null
  protocol: 'http' | 'https' | null
}

/** 503: card payments are not set up on this installation. */
export class PaymentsUnavailable extends DomainError {
  status = 503
  code = 'E_PAYMENTS_UNAVAILABLE'
}

/** 502: the payment provider could not be reached or refused the call. */
export class ProviderError extends DomainError {
  status = 502
  code = 'E_PAYMENT_PROVIDER'
}

let settings: StripeSettings = { ...payments.stripe }
let client: Stripe | undefined

export function configureStripe(overrides: Partial<StripeSettings>) {
  settings = { ...settings, ...overrides }
  client = undefined
}

export function stripeSettings(): Readonly<StripeSettings> {
  return settings
}

export function stripeConfigured() {
  return !!settings.secretKey
}

export function stripe(): Stripe {
  if (!settings.secretKey) throw new PaymentsUnavailable('Card payments are not available: Stripe is not configured on this server')
  client ??= new Stripe(settings.secretKey, {
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'creditdesk' },
    ...(settings.host ? { host: settings.host } : {}),
    ...(settings.port ? { port: settings.port } : {}),
    ...(settings.protocol ? { protocol: settings.protocol } : {}),
  })
  return client
}

/** How far ahead of our clock a signature's timestamp may be (clock skew between hosts). */
export const FUTURE_SKEW_SECONDS = 30

/**
 * Verifies a webhook delivery and returns the event. Throws Stripe's
 * SignatureVerificationError on a bad or missing signature, a body that is not byte-for-byte
 * what was signed, or a timestamp outside the tolerance. The SDK only refuses timestamps that
 * are too old; one dated in the future (beyond a small skew) is refused here, since a
 * signature made ahead of time would stay replayable for longer than the tolerance.
 */
export function constructWebhookEvent(rawBody: string | Buffer, signature: string | undefined, now = Date.now()) {
  if (!settings.webhookSecret) throw new PaymentsUnavailable('Stripe webhooks are not configured on this server')
  const event = Stripe.webhooks.constructEvent(rawBody, signature ?? '', settings.webhookSecret, payments.stripe.toleranceSeconds) as Stripe.Event
  const timestamp = Number(/(?:^|,)\s*t=(\d+)/.exec(signature ?? '')?.[1])
  if (!Number.isFinite(timestamp) || timestamp > Math.floor(now / 1000) + FUTURE_SKEW_SECONDS) {
    throw new Error(`Timestamp is in the future (more than ${FUTURE_SKEW_SECONDS} s ahead): the signature is refused`)
  }
  return event
}

/** Runs a Stripe call and turns its failures into a 502 with Stripe's message. */
export async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error: any) {
    if (error instanceof DomainError) throw error
    const failure = new ProviderError(`Stripe could not ${what}: ${error?.message ?? 'unknown error'}`)
    failure.extra = { provider: { type: error?.type ?? null, code: error?.code ?? null, status: error?.statusCode ?? null } }
    throw failure
  }
}

export type { Stripe }
