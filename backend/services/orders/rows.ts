/**
 * Rows of the order tables as the pg driver returns them: bigint columns (amounts, bigserial
 * ids) arrive as decimal strings — turn them into BigInt for arithmetic —, integer columns as
 * numbers, timestamps as Dates. Columns mirror database/migrations/0011 and 0020.
 */
import type { OrderChannel, OrderStatus } from './vocabulary.js'

export type OrderRow = {
  id: string
  number: string
  customer_id: string
  plan_id: string | null
  plan_version_id: string | null
  plan_name: string | null
  channel: OrderChannel
  currency: string
  amount: string
  grant_amount: string
  status: OrderStatus
  channel_order_id: string | null
  channel_payment_id: string | null
  checkout_url: string | null
  failure_reason: string | null
  expires_at: Date | null
  paid_at: Date | null
  failed_at: Date | null
  cancelled_at: Date | null
  paid_transaction_id: string | null
  credited_at: Date | null
  refunded_amount: string
  refunded_at: Date | null
  dispute_id: string | null
  dispute_status: string | null
  disputed_amount: string
  frozen_amount: string
  locked: boolean
  lock_reason: string | null
  locked_at: Date | null
  locked_by: number | null
  created_by: number | null
  operator_id: number | null
  first_approver_id: number | null
  first_approved_at: Date | null
  first_approval_reference: string | null
  confirmed_by: number | null
  remark: string | null
  created_at: Date
  updated_at: Date
}

/** A refund the payment provider made on its own side (not one of ours). */
export type ProviderRefundRow = {
  id: string
  provider: string
  provider_refund_id: string
  order_id: string
  customer_id: string
  currency: string
  amount: string
  status: string
  failure_reason: string | null
  taken_units: string
  take_transaction_id: string | null
  restore_transaction_id: string | null
  created_at: Date
  updated_at: Date
}
