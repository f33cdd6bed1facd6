/**
 * Console: staff reset one customer's quota (a row of the quota overview) — this period's count
 * back to 0, with a reason. The counter change is audited row by row (services/quotas/reset.ts)
 * and the action by the engine; the customer is told in-app.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'
import { resetCounters } from '#services/quotas/reset'

type OverviewRow = { id: string; customer_id: string | number; feature: string; period: string }

const resetCustomerQuota: EngineAction<{}, OverviewRow> = {
  async handle({ record, reason }, deps) {
    const row = record!
    const reset = await resetCounters(
      deps.trx,
      { customerIds: [Number(row.customer_id)], features: [row.feature], period: row.period },
      { actor: deps.actor, facts: deps.facts, reason: reason ?? null, cause: { by: 'staff' } }
    )
    if (!reset.length) throw new BadRequest('Nothing has been used in this period: there is nothing to reset')
    return { message: `Quota reset (was ${reset[0].used})`, auditMetadata: { used_before: Number(reset[0].used) } }
  },
}
export default resetCustomerQuota
