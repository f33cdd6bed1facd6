/** A row of `campaigns` as the pg driver returns it (bigint columns as strings; database/migrations/0008). */
import type { CampaignStatus } from '#contract/statuses'

export type CampaignRow = {
  id: string
  name: string
  description: string | null
  amount: string
  validity: 'fixed' | 'days'
  valid_until: Date | null
  valid_days: number | null
  audience: 'all' | 'selected' | 'filter'
  customer_ids: unknown
  audience_filter: unknown
  status: CampaignStatus
  total: number
  granted: number
  skipped: number
  cursor_customer_id: string
  last_error: string | null
  created_by: number | null
  sent_by: number | null
  send_requested_at: Date | null
  started_at: Date | null
  finished_at: Date | null
  created_at: Date
  updated_at: Date
}
