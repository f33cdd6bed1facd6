/**
 * Plans a customer holds (customer_plans): activated when an order of a plan that carries quotas
 * is credited (one row per order, however often the credit path runs), or granted by staff. Each
 * activation tells the customer in-app (`plan_granted`, once per row).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { notify } from '#services/notifications/notify'
import { sqlBindings } from '#services/sql_bindings'
import type { OrderRow } from '#services/orders/rows'

export type NewCustomerPlan = {
  customerId: number
  planId: number
  /** The version bought (an order's); default the plan's current one. */
  planVersionId?: number | null
  source: 'order' | 'staff'
  orderId?: number | null
  staffId?: number | null
  reason?: string | null
  startsAt?: Date
  endsAt?: Date | null
}

/** Inserts the row (an order's second activation is a no-op) and notifies; returns its id or null. */
export async function activatePlan(trx: TransactionClientContract, p: NewCustomerPlan): Promise<number | null> {
  const { rows } = await trx.rawQuery(
    `INSERT INTO customer_plans (customer_id, plan_id, plan_version_id, source, order_id, staff_id, reason, starts_at, ends_at)
     SELECT ?, p.id, COALESCE(?, p.current_version_id), ?, ?, ?, ?, ?, ? FROM plans p WHERE p.id = ?
     ON CONFLICT (order_id) WHERE order_id IS NOT NULL DO NOTHING
     RETURNING id`,
    sqlBindings([p.customerId, p.planVersionId ?? null, p.source, p.orderId ?? null, p.staffId ?? null, p.reason ?? null, p.startsAt ?? new Date(), p.endsAt ?? null, p.planId])
  )
  if (!rows.length) return null
  const id = Number(rows[0].id)
  const plan = await trx.from('plans').where('id', p.planId).select('name', 'name_zh').first()
  await notify(trx, {
    customerId: p.customerId,
    kind: 'plan_granted',
    title: { 'en': `Plan ${plan.name} is active`, 'zh-CN': `套餐「${plan.name_zh || plan.name}」已生效` },
    body: { 'en': 'Its quotas are now available in your account.', 'zh-CN': '套餐配额已可在账户中使用。' },
    data: { customer_plan_id: id, plan_id: p.planId },
    dedupeKey: `plan:${id}`,
  })
  return id
}

/**
 * The credit path's one call (services/orders/credit_order.ts): a paid order of a plan with quotas
 * activates that plan for the customer. Credit packages without quotas activate nothing.
 */
export async function activateOrderPlan(trx: TransactionClientContract, order: OrderRow): Promise<number | null> {
  if (!order.plan_id) return null
  const plan = await trx.from('plans').where('id', order.plan_id).select('quotas').first()
  if (!plan || !Array.isArray(plan.quotas) || !plan.quotas.length) return null
  return activatePlan(trx, { customerId: Number(order.customer_id), planId: Number(order.plan_id), planVersionId: order.plan_version_id ? Number(order.plan_version_id) : null, source: 'order', orderId: Number(order.id) })
}

/** Customers holding the plan now (an active row, started, not ended). */
export async function planHolders(trx: TransactionClientContract, planId: number): Promise<number[]> {
  const rows = await trx
    .from('customer_plans')
    .where({ plan_id: planId, status: 'active' })
    .where('starts_at', '<=', new Date())
    .where((q) => q.whereNull('ends_at').orWhere('ends_at', '>', new Date()))
    .distinct('customer_id')
  return rows.map((r) => Number(r.customer_id))
}
