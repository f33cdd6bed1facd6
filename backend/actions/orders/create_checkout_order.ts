/**
 * A customer buys a plan (portal "buy credits"): a PENDING card order at the plan's current
 * version and price, then a Stripe Checkout Session for it (mode payment, our order number as
 * client_reference_id, our order id in the session's and the PaymentIntent's metadata,
 * success and cancel URLs to the portal's /billing/result?order=…). The order is committed
 * before Stripe is called, so a webhook can always find it; the session is created with the
 * idempotency key `checkout:order:<id>`, so a retried call never opens two sessions.
 *
 * Refused: Stripe not configured (503, nothing written), frozen accounts (403), inactive or
 * unpriced plans (422 on plan_id), more than PORTAL_ORDERS_PER_HOUR orders an hour (429). If
 * Stripe refuses, the order is marked FAILED with the reason and the customer gets a 502.
 */
import db from '@adonisjs/lucid/services/db'
import { transaction } from '#services/transaction'
import creditdesk from '#config/creditdesk'
import payments from '#config/payments'
import type { Actor, RequestFacts } from '#services/audit'
import { Forbidden, InvalidInput, NotFound, TooManyAttempts } from '#exceptions/domain_errors'
import { displayUnits } from '#services/ledger/amounts'
import { callStripe, PaymentsUnavailable, stripe, stripeConfigured } from '#services/stripe'
import { auditOrder } from './order_audit.js'

const STRIPE_MIN_SESSION_MINUTES = 31
const STRIPE_MAX_SESSION_MINUTES = 24 * 60

export async function createCheckoutOrder(input: { customerId: number; planId: number; origin: string }, actor: Actor, facts: RequestFacts) {
  if (!stripeConfigured()) throw new PaymentsUnavailable('Card payments are not available right now')

  const order = await transaction(async (trx) => {
    // one checkout at a time per customer, so the hourly count below cannot be raced past
    await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtextextended('checkout:' || ?::text, 0))`, [input.customerId])
    const customer = await trx.from('customers').where('id', input.customerId).forShare().first()
    if (!customer) throw new NotFound('Customer not found')
    if (customer.frozen) throw new Forbidden('This account is frozen and cannot buy credits')
    const recent = await trx
      .from('orders')
      .where('customer_id', input.customerId)
      .where('channel', 'stripe')
      .where('created_at', '>', new Date(Date.now() - 3600_000))
      .count('* as n')
      .min('created_at as oldest')
      .first()
    if (Number(recent?.n) >= payments.portalOrdersPerHour) {
      const wait = (new Date(recent!.oldest).getTime() + 3600_000 - Date.now()) / 1000
      throw new TooManyAttempts(wait, 'Too many payment attempts')
    }
    const plan = await trx.from('plans').where('id', input.planId).forShare().first()
    if (!plan || !plan.active) throw new InvalidInput([{ field: 'plan_id', message: 'This plan is not available', rule: 'exists' }])
    const price = plan.prices?.[payments.currency]
    if (!price) throw new InvalidInput([{ field: 'plan_id', message: `This plan cannot be bought in ${payments.currency}`, rule: 'currency' }])
    const [created] = await trx
      .insertQuery()
      .table('orders')
      .insert({
        customer_id: input.customerId,
        plan_id: plan.id,
        plan_version_id: plan.current_version_id,
        plan_name: plan.name,
        channel: 'stripe',
        currency: payments.currency,
        amount: String(price),
        grant_amount: String(plan.grant_amount),
        expires_at: new Date(Date.now() + payments.pendingTimeoutMinutes * 60_000),
      })
      .returning('*')
    await auditOrder(trx, { action: 'create', before: null, after: created }, actor, facts)
    return { ...created, customer_email: customer.email as string }
  })

  const sessionMinutes = Math.min(STRIPE_MAX_SESSION_MINUTES, Math.max(STRIPE_MIN_SESSION_MINUTES, payments.pendingTimeoutMinutes))
  const result = (outcome: string) => `${input.origin}/billing/result?order=${encodeURIComponent(order.number)}&outcome=${outcome}`
  const metadata = { order_id: String(order.id), order_number: order.number }
  try {
    const session = await callStripe('open the payment page', () =>
      stripe().checkout.sessions.create(
        {
          mode: 'payment',
          client_reference_id: order.number,
          customer_email: order.customer_email,
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
        { idempotencyKey: `checkout:order:${order.id}` }
      )
    )
    const [updated] = await db
      .from('orders')
      .where('id', order.id)
      .update({ channel_order_id: db.raw('coalesce(channel_order_id, ?)', [session.id]), checkout_url: session.url, updated_at: new Date() })
      .returning('*')
    return { order: updated, checkoutUrl: session.url as string }
  } catch (error) {
    await transaction(async (trx) => {
      const [failed] = await trx
        .from('orders')
        .where('id', order.id)
        .where('status', 'PENDING')
        .update({ status: 'FAILED', failed_at: new Date(), failure_reason: 'The payment page could not be opened', updated_at: new Date() })
        .returning('*')
      if (failed) await auditOrder(trx, { action: 'checkout.failed', before: order, after: failed, metadata: { error: String((error as Error).message).slice(0, 300) } }, actor, facts)
    })
    throw error
  }
}
