/** Console: staff cancel a plan a customer holds (its quotas stop counting at once), with a reason. Audited by the engine. */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'

type Row = { id: string; status: string }

const cancelCustomerPlan: EngineAction<{}, Row> = {
  async handle({ record, reason }, { trx, actor }) {
    if (record!.status !== 'active') throw new BadRequest('This plan is not active')
    await trx
      .from('customer_plans')
      .where('id', record!.id)
      .update({ status: 'cancelled', cancelled_at: new Date(), cancelled_by: actor.type === 'staff' ? actor.id : null, cancel_reason: reason ?? null, updated_at: new Date() })
    return { message: 'Plan cancelled' }
  },
}
export default cancelCustomerPlan
