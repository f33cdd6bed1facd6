/** Rows of the reconciliation tables as the pg driver returns them (database/migrations/0014). */
export type ReconciliationRunRow = {
  id: string
  trigger: 'console' | 'command' | 'api' | 'monitor'
  started_by: string | null
  status: 'running' | 'completed' | 'failed'
  findings_count: number
  repaired_count: number
  summary: { byKind?: Record<string, number> } | null
  error: string | null
  started_at: Date
  finished_at: Date | null
}

export type FindingRow = {
  id: string
  run_id: string
  kind: string
  fingerprint: string
  subject_type: string
  subject_id: string
  detail: Record<string, unknown>
  safe: boolean
  status: 'OPEN' | 'REPAIRED' | 'FAILED'
  repair_result: Record<string, unknown> | null
  repaired_by: string | null
  repaired_at: Date | null
  created_at: Date
}
