/** A row of `plans` as the pg driver returns it (bigint columns as strings; database/migrations/0010, 0042). */
export type PlanRow = {
  id: string
  code: string
  name: string
  description: string | null
  name_zh: string | null
  description_zh: string | null
  /** Price per currency in minor units, e.g. { "USD": 990 }. */
  prices: Record<string, number | string>
  grant_amount: string
  active: boolean
  sort_order: number
  version: number
  current_version_id: string | null
  /** Feature quotas of the latest version (0056). */
  quotas: import('#contract/quotas').PlanQuota[]
  created_at: Date
  updated_at: Date
}
