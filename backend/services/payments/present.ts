/**
 * What the portal sees of plans and orders: decimal strings for money, the order number as the
 * id (customers never see internal ids), and the checkout link only while it can be paid.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import payments, { CURRENCY_SCALE } from '#config/payments'
import { formatUnits } from '#contract/money'
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
    // the zh-CN texts (null: the portal shows the English ones)
    name_zh: plan.name_zh ?? null,
    description_zh: plan.description_zh ?? null,
    currency,
    price: formatUnits(BigInt(unitAmount), CURRENCY_SCALE),
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
    plan_name_zh: order.plan_name_zh ?? null,
    currency: String(order.currency).trim(),
    amount: formatUnits(BigInt(order.amount), CURRENCY_SCALE),
    credits: fromUnits(order.grant_amount),
    asset: creditdesk.asset,
    credited: order.paid_transaction_id !== null,
    refunded_amount: formatUnits(BigInt(order.refunded_amount), CURRENCY_SCALE),
    // staff reasons for closing an order stay internal; provider failures are the customer's to see
    failure_reason: order.status === 'FAILED' ? order.failure_reason : null,
    failure_kind: order.status === 'FAILED' ? failureKind(order.failure_reason) : null,
    checkout_url: order.status === 'PENDING' ? order.checkout_url : null,
    created_at: iso(order.created_at),
    paid_at: iso(order.paid_at),
    expires_at: order.status === 'PENDING' ? iso(order.expires_at) : null,
  }
}

/**
 * What kind of failure a FAILED order had, for the portal to say in the customer's language (the
 * stored reason is English: ours, or the payment provider's message).
 */
function failureKind(reason: string | null): 'checkout_unavailable' | 'session_expired' | 'payment_failed' {
  if (reason === 'The payment page could not be opened') return 'checkout_unavailable'
  if (reason === 'The checkout session expired before payment') return 'session_expired'
  return 'payment_failed'
}

/**
 * Adds `plan_name_zh` (the zh-CN name of the plan version each order bought) to order rows, in
 * one query, so the portal can name the plan in either language.
 */
export async function withPlanNamesZh<T extends { plan_version_id?: unknown }>(rows: T[], client: QueryClientContract = db.connection()) {
  const ids = [...new Set(rows.map((r) => r.plan_version_id).filter((id) => id !== null && id !== undefined))]
  if (!ids.length) return rows
  const versions = await client.from('plan_versions').whereIn('id', ids as Array<string | number>).select('id', 'name_zh')
  const names = new Map(versions.map((v) => [String(v.id), v.name_zh as string | null]))
  return rows.map((r) => ({ ...r, plan_name_zh: names.get(String(r.plan_version_id)) ?? null }))
}
