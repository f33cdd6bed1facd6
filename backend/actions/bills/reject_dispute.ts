/** Finance rejects a dispute with a reason; the bill and the ledger are unchanged. */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'

const rejectDispute: EngineAction = {
  async handle({ record, reason }, { trx, actor }) {
    const dispute = record!
    if (dispute.status !== 'open') throw new Conflict(`The dispute is already ${dispute.status}`)
    await trx
      .from('bill_disputes')
      .where('id', dispute.id)
      .update({ status: 'rejected', resolution: reason, resolved_by: actor.type === 'staff' ? actor.id : null, resolved_at: new Date(), updated_at: new Date() })
    return { message: `Dispute ${dispute.id} rejected` }
  },
}
export default rejectDispute
