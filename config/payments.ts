import env from '#start/env'

/**
 * Payment settings: Stripe keys (test mode), the currency the portal sells in, how long an
 * unpaid order waits before it is cancelled, and from which amount an offline payment needs
 * a second finance approver. Every value has a safe default; card payments stay off (503)
 * until STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set.
 *
 * Prices and order amounts are integers in the currency's minor units (cents). Only
 * currencies with two decimals are accepted, so one scale (2) fits every amount exactly.
 */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY', 'HKD', 'SGD', 'CAD', 'AUD'] as const
export type Currency = (typeof CURRENCIES)[number]
export const CURRENCY_SCALE = 2

const minutes = (value: number | undefined, fallback: number) => (value && value > 0 ? value : fallback)

const payments = {
  currency: (env.get('PAYMENT_CURRENCY') ?? 'USD').toUpperCase() as Currency,

  stripe: {
    secretKey: env.get('STRIPE_SECRET_KEY') ?? null,
    webhookSecret: env.get('STRIPE_WEBHOOK_SECRET') ?? null,
    /** Only to point the SDK at a local Stripe-compatible stand-in (tests, offline demos). */
    host: env.get('STRIPE_API_HOST') ?? null,
    port: env.get('STRIPE_API_PORT') ?? null,
    protocol: env.get('STRIPE_API_PROTOCOL') ?? null,
    /** Seconds a webhook signature stays valid (Stripe's default, and the rule). */
    toleranceSeconds: 300,
  },

  /** A Stripe order not paid within this many minutes is cancelled (Checkout allows 30 min … 24 h). */
  pendingTimeoutMinutes: minutes(env.get('ORDER_PENDING_TIMEOUT_MINUTES'), 30),
  /** A bank-transfer or cash order waits this long for finance to confirm it (default 7 days). */
  offlineTimeoutMinutes: minutes(env.get('OFFLINE_ORDER_TIMEOUT_MINUTES'), 7 * 24 * 60),
  /** Offline payments above this amount (decimal, in the order's currency) need two different finance approvers. */
  secondApprovalAbove: env.get('OFFLINE_SECOND_APPROVAL_ABOVE') ?? '1000.00',
  /** Checkout orders a customer may start per hour (the seeds' "payment requests 5/hour", with room for retries). */
  portalOrdersPerHour: minutes(env.get('PORTAL_ORDERS_PER_HOUR'), 10),
}

if (!(CURRENCIES as readonly string[]).includes(payments.currency)) {
  throw new Error(`PAYMENT_CURRENCY must be one of ${CURRENCIES.join(', ')} (got "${payments.currency}")`)
}
if (!/^\d{1,12}(\.\d{1,2})?$/.test(payments.secondApprovalAbove)) {
  throw new Error(`OFFLINE_SECOND_APPROVAL_ABOVE must be a decimal amount such as "1000.00" (got "${payments.secondApprovalAbove}")`)
}

export default payments
