/** Rows of the holds and generations tables (0052), as the driver returns them. */
import type { GenerationStatus, HoldStatus } from '#contract/usage'

export type HoldRow = {
  id: string | number
  customer_id: string | number
  api_key_id: string | number | null
  idempotency_key: string
  request_hash: string
  model_id: string | number | null
  units: string | null
  amount: string
  from_cash: string
  from_gift: string
  captured: string | null
  status: HoldStatus
  expires_at: Date
  hold_transaction_id: string | number
  settle_transaction_id: string | number | null
  settled_at: Date | null
  settled_by: string | null
  created_at: Date
  updated_at: Date
}

export type GenerationRow = {
  id: string | number
  customer_id: string | number
  hold_id: string | number | null
  model_id: string | number | null
  type: string
  prompt: string
  status: GenerationStatus
  output_urls: string[]
  credits: string
  failure_reason: string | null
  hidden_at: Date | null
  refund_transaction_id: string | number | null
  completed_at: Date | null
  created_at: Date
  updated_at: Date
}

/** What a hold operation answers: the hold, its generation, and whether it only replayed an earlier outcome. */
export type HoldResult = { hold: HoldRow; generation: GenerationRow | null; replayed: boolean }
