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

const GROUP_FIELD: Record<GroupBy, string> = { model: 'model_id', channel: 'channel_id', key: 'api_key_id', customer: 'customer_id' }

/** The consumption detail filtered to one group and the same range (the list reads Refine's filters from the URL). */
export function detailUrl(by: GroupBy, key: number, from: string, to: string, status?: string) {
  const filters: Array<[string, string, string]> = [
    [GROUP_FIELD[by], 'eq', String(key)],
    ['started_at', 'gte', from],
    ['started_at', 'lte', to],
    ...(status ? [['status', 'eq', status] as [string, string, string]] : []),
  ]
  const params = new URLSearchParams()
  filters.forEach(([field, operator, value], i) => {
    params.set(`filters[${i}][field]`, field)
    params.set(`filters[${i}][operator]`, operator)
    params.set(`filters[${i}][value]`, value)
  })
  return `/r/usage-records?${params.toString()}`
}
