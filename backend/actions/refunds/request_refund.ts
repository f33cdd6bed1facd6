/**
 * Order record action `request_refund { amount, reason }` (the engine has locked the order):
 * a REQUESTED refund that waits for finance review (services/refunds/request_refund.ts).
 */
import type { EngineAction } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import { money } from '#services/refunds/refund_money'
import { readAmount, requestRefund } from '#services/refunds/request_refund'

const requestRefundOnOrder: EngineAction<{ amount?: string }, OrderRow> = {
  async handle({ record, fields, reason }, { trx, actor, facts }) {
    const { refund, order } = await requestRefund(trx, record!.id, readAmount(fields), reason!, actor, facts)
    return {
      message: `Refund of ${money(refund.amount, order.currency)} requested; it waits for finance review`,
      result: { refund_id: Number(refund.id) },
      auditMetadata: { refundId: Number(refund.id) },
    }
  },
}
export default requestRefundOnOrder
