/** Refunds collection action `request { order_id, amount, reason }`: the same use case as the order action. */
import type { ActionContext, UseCase } from '#engine/types'
import { actorOf, requestFacts } from '#services/audit'
import { InvalidInput } from '#exceptions/domain_errors'
import { money } from './refund_money.js'
import { readAmount, requestRefund } from './request_refund.js'

const requestRefundForOrder: UseCase = {
  async handle({ trx, ctx, input, reason }: ActionContext) {
    if (!input.order_id) throw new InvalidInput([{ field: 'order_id', message: 'The order is required', rule: 'required' }])
    const { refund, order } = await requestRefund(trx, input.order_id, readAmount(input), reason!, actorOf(ctx), requestFacts(ctx))
    return {
      message: `Refund of ${money(refund.amount, order.currency)} requested on order ${order.number}; it waits for finance review`,
      result: { refund_id: Number(refund.id) },
      auditMetadata: { refundId: Number(refund.id), orderId: Number(order.id) },
    }
  },
}
export default requestRefundForOrder
