/** Refund record action `reject { reason }` (finance, not the requester): no money moved, the customer is told. */
import type { EngineAction } from '#services/use_case'
import type { RefundRow } from '#services/refunds/rows'
import { Conflict, Forbidden } from '#exceptions/domain_errors'
import { money, notify } from '#services/refunds/refund_money'

const rejectRefund: EngineAction<{}, RefundRow> = {
  async handle({ record, reason }, { trx, actor }) {
    const refund = record!
    if (refund.status !== 'REQUESTED') throw new Conflict(`This refund is ${String(refund.status).toLowerCase()}; only a requested refund can be rejected`)
    if (refund.requested_by !== null && Number(refund.requested_by) === Number(actor.id)) {
      throw new Forbidden('You requested this refund, so you cannot review it: another finance member must (maker-checker)')
    }
    const now = new Date()
    await trx.from('refunds').where('id', refund.id).update({ status: 'REJECTED', reviewed_by: actor.id, reviewed_at: now, review_note: reason ?? null, completed_at: now, updated_at: now })
    await notify(trx, refund.customer_id, 'refund.rejected', { refund_id: Number(refund.id), amount: money(refund.amount, refund.currency), reason: reason ?? null })
    return { message: 'Refund request rejected' }
  },
}
export default rejectRefund
