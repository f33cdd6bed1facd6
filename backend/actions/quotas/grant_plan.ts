/**
 * Console: staff grant a plan to a customer (its quotas count from `starts_at`, default now, until
 * `ends_at` if given), with a reason. The customer is told in-app; the engine audits the action.
 */
import type { EngineAction } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'
import { activatePlan } from '#services/quotas/customer_plans'

type Fields = { customer_id?: number; plan_id?: number; starts_at?: string | Date | null; ends_at?: string | Date | null }

const asDate = (v: unknown) => (v === undefined || v === null || v === '' ? null : new Date(v as string))

const grantPlan: EngineAction<Fields> = {
  async handle({ fields, reason }, { trx, actor }) {
    const customer = fields.customer_id ? await trx.from('customers').where('id', fields.customer_id).select('id', 'email').first() : null
    if (!customer) throw new InvalidInput([{ field: 'customer_id', message: 'Choose the customer', rule: 'exists' }])
    const plan = fields.plan_id ? await trx.from('plans').where('id', fields.plan_id).select('id', 'name').first() : null
    if (!plan) throw new InvalidInput([{ field: 'plan_id', message: 'Choose the plan', rule: 'exists' }])
    const startsAt = asDate(fields.starts_at) ?? new Date()
    const endsAt = asDate(fields.ends_at)
    if (Number.isNaN(startsAt.getTime())) throw new InvalidInput([{ field: 'starts_at', message: 'Not a valid date', rule: 'date' }])
    if (endsAt && (Number.isNaN(endsAt.getTime()) || endsAt <= startsAt)) {
      throw new InvalidInput([{ field: 'ends_at', message: 'The end must come after the start', rule: 'after' }])
    }
    const id = await activatePlan(trx, {
      customerId: Number(customer.id),
      planId: Number(plan.id),
      source: 'staff',
      staffId: actor.type === 'staff' ? actor.id : null,
      reason: reason ?? null,
      startsAt,
      endsAt,
    })
    return { message: `${plan.name} granted to ${customer.email}`, auditMetadata: { customer_plan_id: id, customer_id: Number(customer.id), plan_id: Number(plan.id) } }
  },
}
export default grantPlan
