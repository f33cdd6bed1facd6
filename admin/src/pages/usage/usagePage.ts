/** The "Usage by …" page's wire shape (GET /api/admin/usage/grouped) and query. */

export const GROUP_BY = ['model', 'channel', 'key', 'customer'] as const
export type GroupBy = (typeof GROUP_BY)[number]

export interface UsageFigures {
  requests: number
  input_tokens: string
  output_tokens: string
  cache_read_tokens: string
  cache_write_tokens: string
  charged: string
  cost: string
  margin: string
  cache_savings: string
}
export interface UsageGroup extends UsageFigures {
  key: number | null
  label: string | null
}
/** GET /api/admin/usage/grouped */
export interface GroupedUsage {
  by: GroupBy
  groups: UsageGroup[]
  totals: UsageFigures
}

/** The query for a grouping and a [from, to] range of ISO instants (plus an optional status). */
export function groupedQuery(by: GroupBy, from: string, to: string, status?: string) {
  return { by, started_at_gte: from, started_at_lte: to, ...(status ? { status } : {}) }
}
