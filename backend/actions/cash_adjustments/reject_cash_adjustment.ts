/**
 * Cash-adjustments record action `reject { reason }` (a finance member other than the
 * requester): the adjustment is closed with the reviewer's reason and nothing is posted.
 */
import type { EngineAction } from '#services/use_case'
import { assertReviewable } from '#services/cash_adjustments/review_rules'

const rejectCashAdjustment: EngineAction = {
  async handle({ record, reason }, { trx, actor }) {
    const adjustment = record!
    assertReviewable(adjustment, actor, 'reject')
    const now = new Date()
    await trx
      .from('cash_adjustments')
      .where('id', adjustment.id)
      .update({ status: 'REJECTED', rejected_by: actor.id, rejected_at: now, rejection_reason: reason!, updated_at: now })
    return { message: 'Cash adjustment rejected: nothing was posted' }
  },
}
export default rejectCashAdjustment
