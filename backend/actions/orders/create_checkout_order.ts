/**
 * A customer buys a plan (portal "buy credits"), step 1: a PENDING card order at the plan's
 * current version and price. The caller commits it before the payment page is opened
 * (open_checkout_session.ts), so a webhook can always find the order.
 *
 * Refused: Stripe not configured (503, nothing written), frozen accounts (403), inactive or
 * unpriced plans (422 on plan_id), more than PORTAL_ORDERS_PER_HOUR orders an hour (429).
 */
import payments from '#config/payments'
import type { UseCase } from '#services/use_case'
import type { CustomerRow } from '#services/customers/rows'
import type { OrderRow } from '#services/orders/rows'
import type { PlanRow } from '#services/plans/rows'
import { Forbidden, InvalidInput, NotFound, TooManyAttempts } from '#exceptions/domain_errors'
import { PaymentsUnavailable, stripeConfigured } from '#services/payments/gateway'
import { auditOrder } from '#services/orders/order_audit'

export type CheckoutOrder = { order: OrderRow; customerEmail: string }

const createCheckoutOrder: UseCase<{ customerId: number; planId: number }, CheckoutOrder> = {
  async handle(input, { trx, actor, facts }) {
    if (!stripeConfigured()) throw new PaymentsUnavailable('Card payments are not available right now')
    // one checkout at a time per customer, so the hourly count below cannot be raced past
    await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtextextended('checkout:' || ?::text, 0))`, [input.customerId])
    const customer: CustomerRow | null = await trx.from('customers').where('id', input.customerId).forShare().first()
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
    const plan: PlanRow | null = await trx.from('plans').where('id', input.planId).forShare().first()
    if (!plan || !plan.active) throw new InvalidInput([{ field: 'plan_id', message: 'This plan is not available', rule: 'exists' }])
    const price = plan.prices?.[payments.currency]
    if (!price) throw new InvalidInput([{ field: 'plan_id', message: `This plan cannot be bought in ${payments.currency}`, rule: 'currency' }])
    const [order]: OrderRow[] = await trx
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
    await auditOrder(trx, { action: 'create', before: null, after: order }, actor, facts)
    return { order, customerEmail: customer.email }
  },
}
export default createCheckoutOrder
