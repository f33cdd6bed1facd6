/** Plan quota helpers for tests: a plan with quotas, a plan held by a customer, the quota API, cleanup. */
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import type { PlanQuota } from '#contract/quotas'
import recordPlanVersion from '#actions/plans/record_plan_version'
import { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { transaction } from '#services/transaction'
import { activatePlan } from '#services/quotas/customer_plans'
import { Agent } from './agent.js'

let seq = 0
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 5)}`

/** A plan (version 1) carrying `quotas`; returns its id. */
export async function planWithQuotas(quotas: PlanQuota[], name = 'Quota plan', code = `q-${uniq()}`) {
  return transaction(async (trx) => {
    const values = await recordPlanVersion.handle(
      { values: { code, name, prices: { USD: '9.90' }, grant_amount: '1000000', active: true, sort_order: 0, quotas }, current: null, reason: 'test' },
      { trx, actor: SYSTEM_ACTOR, facts: NO_REQUEST }
    )
    const [row] = await trx.insertQuery().table('plans').insert(values).returning('id')
    return Number(row.id ?? row)
  })
}

/** Takes committed test plans out of the catalog customers see (their versions stay: immutable history). */
export async function retirePlans(planIds: number[]) {
  if (planIds.length) await db.from('plans').whereIn('id', planIds).update({ active: false })
}

/** The customer holds the plan (granted by the system, from `startsAt`). */
export async function holdPlan(customerId: number, planId: number, startsAt = new Date('2020-01-01T00:00:00Z')) {
  return transaction((trx) => activatePlan(trx, { customerId, planId, source: 'staff', reason: 'test grant', startsAt }))
}

const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
export const consume = (body: unknown) => new Agent().request('POST', '/api/internal/quota/consume', body, service)
export const check = (qs: string) => new Agent().request('GET', `/api/internal/quota/check?${qs}`, undefined, service)
export const requestId = () => `r-${uniq()}`

export const counters = (customerId: number) => db.from('quota_counters').where('customer_id', customerId).orderBy('id')
export const alerts = (customerId: number) => db.from('quota_alerts').where('customer_id', customerId).orderBy('threshold')

/** Removes what committed tests left for these customers (before the customers themselves). */
export async function removeQuotaRows(customerIds: number[]) {
  if (!customerIds.length) return
  await db.from('quota_alerts').whereIn('customer_id', customerIds).delete()
  await db.from('quota_consumptions').whereIn('customer_id', customerIds).delete()
  await db.from('quota_counters').whereIn('customer_id', customerIds).delete()
  await db.from('customer_plans').whereIn('customer_id', customerIds).delete()
  await db.from('notifications').whereIn('customer_id', customerIds).delete()
}
