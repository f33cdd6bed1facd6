/** Refunds collection action `request { order_id, amount, reason }`: the same rules as the order action. */
import type { EngineAction } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'
import { money } from '#services/refunds/refund_money'
import { readAmount, requestRefund } from '#services/refunds/request_refund'

const requestRefundForOrder: EngineAction<{ order_id?: number; amount?: string }> = {
  async handle({ fields, reason }, { trx, actor, facts }) {
    if (!fields.order_id) throw new InvalidInput([{ field: 'order_id', message: 'The order is required', rule: 'required' }])
    const { refund, order } = await requestRefund(trx, fields.order_id, readAmount(fields), reason!, actor, facts)
    return {
      message: `Refund of ${money(refund.amount, order.currency)} requested on order ${order.number}; it waits for finance review`,
      result: { refund_id: Number(refund.id) },
      auditMetadata: { refundId: Number(refund.id), orderId: Number(order.id) },
    }
  },
}
export default requestRefundForOrder
