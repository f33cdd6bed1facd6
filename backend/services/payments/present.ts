/**
 * What the portal sees of plans and orders: decimal strings for money, the order number as the
 * id (customers never see internal ids), and the checkout link only while it can be paid.
 */
import creditdesk from '#config/creditdesk'
import payments, { CURRENCY_SCALE } from '#config/payments'
import { formatMoney } from '#engine/values'
import { fromUnits } from '#services/ledger/amounts'

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)

export function presentPortalPlan(plan: Record<string, any>) {
  const currency = payments.currency
  const unitAmount = Number(plan.prices?.[currency])
  return {
    id: Number(plan.id),
    code: plan.code,
    name: plan.name,
    description: plan.description,
    currency,
    price: formatMoney(BigInt(unitAmount), CURRENCY_SCALE),
    unit_amount: unitAmount,
    credits: fromUnits(plan.grant_amount),
    asset: creditdesk.asset,
  }
}

export function presentPortalOrder(order: Record<string, any>) {
  return {
    id: order.number,
    number: order.number,
    status: order.status,
    channel: order.channel,
    plan_name: order.plan_name,
    currency: String(order.currency).trim(),
    amount: formatMoney(BigInt(order.amount), CURRENCY_SCALE),
    credits: fromUnits(order.grant_amount),
    asset: creditdesk.asset,
    credited: order.paid_transaction_id !== null,
    refunded_amount: formatMoney(BigInt(order.refunded_amount), CURRENCY_SCALE),
    // staff reasons for closing an order stay internal; provider failures are the customer's to see
    failure_reason: order.status === 'FAILED' ? order.failure_reason : null,
    checkout_url: order.status === 'PENDING' ? order.checkout_url : null,
    created_at: iso(order.created_at),
    paid_at: iso(order.paid_at),
    expires_at: order.status === 'PENDING' ? iso(order.expires_at) : null,
  }
}
