/** Refund record action `retry { bank_reference? }` on a REFUND_FAILED refund: a new hold and a new provider attempt. */
import type { ActionContext, UseCase } from '#engine/types'
import { executeRefund } from './execute_refund.js'

const retryRefund: UseCase = {
  handle: (context: ActionContext) => executeRefund(context, 'retry'),
}
export default retryRefund
