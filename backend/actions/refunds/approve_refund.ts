/** Refund record action `approve { bank_reference? }` (finance, not the requester): see services/refunds/execute_refund.ts. */
import type { EngineAction } from '#services/use_case'
import type { RefundRow } from '#services/refunds/rows'
import { executeRefund } from '#services/refunds/execute_refund'

const approveRefund: EngineAction<{ bank_reference?: string }, RefundRow> = {
  handle: ({ record, fields }, deps) => executeRefund(record!, fields.bank_reference, 'approve', deps),
}
export default approveRefund
