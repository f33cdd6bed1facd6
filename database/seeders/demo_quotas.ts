/**
 * Demo plan quotas: the starter and standard plans get feature quotas (a new plan version each,
 * as "Set quotas" writes it), and one demo customer — the first active one, in Asia/Shanghai —
 * holds the standard plan with 52 of its 60 monthly video generations used, counted through the
 * same consume path the platform calls, so the 80 % alert and its notification exist and the
 * portal shows them. Idempotent: a plan that already has quotas, or a customer already holding
 * the plan, is left as is.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import type { PlanQuota } from '#contract/quotas'
import recordPlanVersion from '#actions/plans/record_plan_version'
import { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { transaction } from '#services/transaction'
import { activatePlan } from '#services/quotas/customer_plans'
import { consumeQuota } from '#services/quotas/consume'
import type { PlanRow } from '#services/plans/rows'

export const DEMO_QUOTAS: Record<string, PlanQuota[]> = {
  starter: [
    { feature: 'video_generations', limit: 20, period: 'monthly' },
    { feature: 'articles_per_day', limit: 10, period: 'daily' },
  ],
  standard: [
    { feature: 'video_generations', limit: 60, period: 'monthly' },
    { feature: 'articles_per_day', limit: 30, period: 'daily' },
    { feature: 'api_tokens', limit: null, period: 'lifetime' },
  ],
}

const deps = (trx: TransactionClientContract) => ({ trx, actor: SYSTEM_ACTOR, facts: NO_REQUEST })

/** The demo customer whose portal shows a quota alert: the first one not frozen. */
export async function demoQuotaCustomer(client = db.connection()) {
  return client.from('customers').where('frozen', false).orderBy('id').select('id', 'email').first()
}

export async function seedDemoQuotas() {
  return transaction(async (trx) => {
    for (const [code, quotas] of Object.entries(DEMO_QUOTAS)) {
      const plan: PlanRow | undefined = await trx.from('plans').where('code', code).forUpdate().first()
      if (!plan || (Array.isArray(plan.quotas) && plan.quotas.length)) continue
      const values = await recordPlanVersion.handle({ values: { quotas }, current: plan, reason: 'Demo quotas', quotaPolicy: 'keep_period' }, deps(trx))
      await trx.from('plans').where('id', plan.id).update({ ...values, updated_at: new Date() })
    }
    const standard = await trx.from('plans').where('code', 'standard').first()
    const customer = await demoQuotaCustomer(trx)
    if (!standard || !customer) return null
    const held = await trx.from('customer_plans').where({ customer_id: customer.id, plan_id: standard.id }).first()
    if (held) return null
    await trx.from('customers').where('id', customer.id).update({ time_zone: 'Asia/Shanghai' })
    const ops = await trx.from('staff').where('email', 'ops@demo.local').first()
    await activatePlan(trx, {
      customerId: Number(customer.id),
      planId: Number(standard.id),
      source: 'staff',
      staffId: ops ? Number(ops.id) : null,
      reason: 'Demo: standard plan with quotas',
      startsAt: new Date(Date.now() - 20 * 86400_000),
    })
    const use = (feature: string, amount: number, n: number) =>
      consumeQuota(trx, { customerId: Number(customer.id), feature, amount: BigInt(amount), requestId: `demo-${feature}-${n}` })
    for (let n = 0; n < 4; n++) await use('video_generations', 13, n) // 52 of 60: the 80 % alert
    await use('articles_per_day', 12, 0)
    await use('api_tokens', 184_000, 0)
    return { customerId: Number(customer.id), email: customer.email as string }
  })
}
