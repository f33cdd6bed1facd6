/** A row of `redemption_codes` as the pg driver returns it (bigint columns as strings; database/migrations/0007). */
import type { CodeStatus } from '#contract/statuses'

export type RedemptionCodeRow = {
  id: string
  code_hash: string
  prefix: string
  last4: string
  batch_id: string
  amount: string
  bucket: 'cash' | 'gift'
  gift_validity_days: number | null
  package: string | null
  remark: string | null
  status: CodeStatus
  expires_at: Date
  redeemed_by: string | null
  redeemed_at: Date | null
  transaction_id: string | null
  voided_at: Date | null
  voided_by: number | null
  void_reason: string | null
  created_by: number | null
  created_at: Date
  updated_at: Date
}
