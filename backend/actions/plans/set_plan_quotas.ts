/**
 * Console: staff set a plan's feature quotas. Written as the plan's next version (with the
 * policy and reason, so the plan history shows it) and applied to the customers holding the plan
 * now, as the policy says: `keep_period` keeps what they used this period (the new limits count
 * against it), `reset` sets this period's counters of the plan's features (old and new) to 0,
 * each audited. Audited by the engine as well (the plan's before/after).
 */
import type { EngineAction } from '#services/use_case'
import type { QuotaEditPolicy } from '#contract/quotas'
import { QUOTA_EDIT_POLICIES } from '#contract/quotas'
import { BadRequest, InvalidInput } from '#exceptions/domain_errors'
import type { PlanRow } from '#services/plans/rows'
import { parseQuotas } from '#validators/quotas'
import { resetCounters } from '#services/quotas/reset'
import { planHolders } from '#services/quotas/customer_plans'
import recordPlanVersion from './record_plan_version.js'

type Fields = { quotas?: unknown; policy?: QuotaEditPolicy }

const setPlanQuotas: EngineAction<Fields, PlanRow> = {
  async handle({ record, fields, reason }, deps) {
    const policy = fields.policy
    if (!QUOTA_EDIT_POLICIES.some((p) => p.value === policy)) {
      throw new InvalidInput([{ field: 'policy', message: 'Choose what happens to customers already on the plan', rule: 'required' }])
    }
    const quotas = parseQuotas(fields.quotas)
    const plan = record!
    const values = await recordPlanVersion.handle({ values: { quotas }, current: plan, reason: reason ?? null, quotaPolicy: policy! }, deps)
    if (!Object.keys(values).length) throw new BadRequest('The quotas are unchanged')
    await deps.trx.from('plans').where('id', plan.id).update({ ...values, updated_at: new Date() })
    let reset = 0
    if (policy === 'reset') {
      const features = [...new Set([...(plan.quotas ?? []), ...quotas].map((q) => q.feature))]
      const holders = await planHolders(deps.trx, Number(plan.id))
      const rows = await resetCounters(deps.trx, { customerIds: holders, features }, { ...deps, reason: reason ?? null, cause: { plan_id: Number(plan.id), plan_version: values.version } })
      reset = rows.length
    }
    return {
      message: policy === 'reset' ? `Quotas saved as version ${values.version}; ${reset} counters reset` : `Quotas saved as version ${values.version}`,
      auditMetadata: { policy, version: values.version, counters_reset: reset },
    }
  },
}
export default setPlanQuotas
