/** Refund record action `approve { bank_reference? }` (finance, not the requester): see execute_refund.ts. */
import type { ActionContext, UseCase } from '#engine/types'
import { executeRefund } from './execute_refund.js'

const approveRefund: UseCase = {
  handle: (context: ActionContext) => executeRefund(context, 'approve'),
}
export default approveRefund
