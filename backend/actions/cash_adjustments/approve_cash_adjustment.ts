/**
 * Cash-adjustments record action `approve` (the checker: a finance member other than the
 * requester). Posts the adjustment's one `cash_adjustment` transaction (services/ledger/
 * cash_adjustments.ts; a debit the cash no longer covers is refused) and marks it APPROVED, in
 * the engine's transaction, which locked the row first and writes the audit row. Two approvers
 * at once: the second waits for the row, then finds it approved (409) — and the ledger key
 * `cash_adjustment:<id>` would replay rather than post twice in any case.
 */
import creditdesk from '#config/creditdesk'
import { formatMoney } from '#contract/money'
import type { EngineAction } from '#services/use_case'
import { assertReviewable } from '#services/cash_adjustments/review_rules'
import { postCashAdjustment } from '#services/ledger/cash_adjustments'
import { fromUnits } from '#services/ledger/amounts'

const approveCashAdjustment: EngineAction = {
  async handle({ record }, { trx, actor }) {
    const adjustment = record!
    assertReviewable(adjustment, actor, 'approve')
    const { posted, settlement } = await postCashAdjustment(
      trx,
      {
        id: Number(adjustment.id),
        customerId: Number(adjustment.customer_id),
        direction: adjustment.direction,
        amount: BigInt(adjustment.amount),
        reason: adjustment.reason,
        reference: adjustment.reference,
      },
      actor
    )
    const now = new Date()
    await trx
      .from('cash_adjustments')
      .where('id', adjustment.id)
      .update({ status: 'APPROVED', approved_by: actor.id, approved_at: now, ledger_transaction_id: posted.transaction.id, updated_at: now })
    const shown = formatMoney(fromUnits(adjustment.amount), creditdesk.asset, { sign: adjustment.direction })
    return {
      message: `Approved: ${shown} ${adjustment.direction === 'credit' ? 'added to' : 'taken from'} the customer's cash${settlement ? ', and the arrears they owed settled from it' : ''}`,
      result: { transaction_id: Number(posted.transaction.id) },
      auditMetadata: { transactionId: Number(posted.transaction.id), ...(settlement ? { arrearsSettlementId: Number(settlement.transaction.id) } : {}) },
    }
  },
}
export default approveCashAdjustment
