/** Refund record action `retry { bank_reference? }` on a REFUND_FAILED refund: a new hold and a new provider attempt. */
import type { EngineAction } from '#services/use_case'
import type { RefundRow } from '#services/refunds/rows'
import { executeRefund } from '#services/refunds/execute_refund'

const retryRefund: EngineAction<{ bank_reference?: string }, RefundRow> = {
  handle: ({ record, fields }, deps) => executeRefund(record!, fields.bank_reference, 'retry', deps),
}
export default retryRefund
