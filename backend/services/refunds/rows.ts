/** A row of `refunds` as the pg driver returns it (bigint columns as strings; database/migrations/0013). */
import type { RefundStatus } from '#contract/statuses'

export type RefundRow = {
  id: string
  order_id: string
  customer_id: string
  channel: string
  currency: string
  amount: string
  ledger_amount: string
  status: RefundStatus
  reason: string
  requested_by: string | null
  requested_at: Date
  reviewed_by: string | null
  reviewed_at: Date | null
  review_note: string | null
  attempts: number
  provider_refund_id: string | null
  bank_reference: string | null
  failure_reason: string | null
  hold_transaction_id: string | null
  settle_transaction_id: string | null
  release_transaction_id: string | null
  completed_at: Date | null
  created_at: Date
  updated_at: Date
}
