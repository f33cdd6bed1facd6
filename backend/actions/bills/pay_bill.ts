/**
 * An organization pays its bill by card (portal, bills.pay), step 1: a PENDING Stripe order with
 * `bill_id` for the amount (≤ what is outstanding, checked here before the order exists), made
 * like a plan purchase (create_checkout_order.ts: Stripe configured, account not frozen, the hourly
 * limit). The caller commits it and opens the checkout session (open_checkout_session.ts); the
 * webhook's credit applies it to the bill (services/bills/settle.ts).
 */
import payments from '#config/payments'
import type { UseCase } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import type { CheckoutOrder } from '#actions/orders/create_checkout_order'
import { Forbidden, NotFound, TooManyAttempts } from '#exceptions/domain_errors'
import { PaymentsUnavailable, stripeConfigured } from '#services/payments/gateway'
import { auditOrder } from '#services/orders/order_audit'
import { lockBill } from '#services/bills/rows'
import { assertPayable, paymentOrderAmounts } from '#services/bills/payments'

const payBill: UseCase<{ customerId: number; billId: string; amount: bigint }, CheckoutOrder> = {
  async handle(input, { trx, actor, facts }) {
    const bill = await lockBill(trx, input.billId)
    if (Number(bill.org_id) !== input.customerId || bill.status === 'draft') throw new NotFound('Bill not found')
    assertPayable(bill, input.amount)
    const priced = paymentOrderAmounts(input.amount)
    if (!stripeConfigured()) throw new PaymentsUnavailable('Card payments are not available right now')
    await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtextextended('checkout:' || ?::text, 0))`, [input.customerId])
    const customer = await trx.from('customers').where('id', input.customerId).forShare().first()
    if (customer.frozen) throw new Forbidden('This account is frozen and cannot pay')
    const recent = await trx.from('orders').where('customer_id', input.customerId).where('channel', 'stripe').where('created_at', '>', new Date(Date.now() - 3600_000)).count('* as n').min('created_at as oldest').first()
    if (Number(recent?.n) >= payments.portalOrdersPerHour) {
      throw new TooManyAttempts((new Date(recent!.oldest).getTime() + 3600_000 - Date.now()) / 1000, 'Too many payment attempts')
    }
    const [order]: OrderRow[] = await trx
      .insertQuery()
      .table('orders')
      .insert({ customer_id: input.customerId, plan_name: `Bill ${bill.number}`, channel: 'stripe', ...priced, bill_id: bill.id, expires_at: new Date(Date.now() + payments.pendingTimeoutMinutes * 60_000) })
      .returning('*')
    await auditOrder(trx, { action: 'create', before: null, after: order, metadata: { billId: Number(bill.id) } }, actor, facts)
    return { order, customerEmail: customer.email }
  },
}
export default payBill
