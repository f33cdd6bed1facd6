/**
 * Users record action `lift_suspension { reason }` (finance, operations): ends an overdue bill's
 * suspension, so verify accepts the organization's keys again (the row's update refreshes verify's
 * cache). The engine audits it with the reason and the cleared fields.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'

const liftSuspension: EngineAction<{}> = {
  async handle({ record }, { trx }) {
    if (!record!.billing_suspended_at) throw new BadRequest('This account is not suspended')
    await trx.from('customers').where('id', record!.id).update({ billing_suspended_at: null, billing_suspended_reason: null, updated_at: new Date() })
    return { message: 'Suspension lifted' }
  },
}
export default liftSuspension
