/** Rows of risk_rules and risk_alerts as the pg driver returns them (bigints and numerics as text). */
import type { RiskAlertAction, RiskAlertKind, RiskAlertStatus, RiskAlertSubject } from '#contract/risk'

export type RiskRuleRow = {
  kind: RiskAlertKind
  enabled: boolean
  window_minutes: number | null
  baseline_hours: number | null
  /** numeric(8,4) as text, "5.0000" */
  factor: string | null
  /** ledger units */
  minimum_spend: string | null
  minimum_requests: string | null
  updated_by: string | null
  updated_at: Date
}

export type RiskAlertRow = {
  id: string
  kind: RiskAlertKind
  subject_type: RiskAlertSubject
  customer_id: string
  api_key_id: string | null
  subject_id: string
  window_start: Date
  window_end: Date
  window_minutes: number | null
  baseline_hours: number | null
  observed: string
  baseline: string
  threshold: string
  factor: string | null
  top_model_id: string | null
  status: RiskAlertStatus
  note: string | null
  acknowledged_by: string | null
  acknowledged_at: Date | null
  action_taken: RiskAlertAction | null
  action_taken_by: string | null
  action_taken_at: Date | null
  resolved_by: string | null
  resolved_at: Date | null
  resolution_note: string | null
  created_at: Date
  updated_at: Date
}
