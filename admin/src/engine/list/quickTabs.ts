import type { CrudFilters, LogicalFilter } from '@refinedev/core'
import type { ListOptions } from './listMeta'

export const ALL_TAB = 'all'

type TabsConfig = NonNullable<ListOptions['quickTabs']>

const onField = (field: string) => (f: CrudFilters[number]): f is LogicalFilter => 'field' in f && f.field === field

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((v) => b.includes(v))

/**
 * The tab the current filters select: "all" when nothing filters the tab field, the tab whose values
 * equal the filter's (IN or a single eq), or null when the field is filtered some other way.
 */
export function activeTab(config: TabsConfig, filters: CrudFilters): string | null {
  const on = filters.filter(onField(config.field))
  if (!on.length) return ALL_TAB
  if (on.length > 1 || !['in', 'eq'].includes(on[0].operator)) return null
  const values = (Array.isArray(on[0].value) ? on[0].value : [on[0].value]).map(String)
  return config.tabs.find((t) => sameSet(t.values, values))?.key ?? null
}

/** The filters with the tab field's filter replaced by the tab's IN (or removed for "all"). */
export function withTab(config: TabsConfig, filters: CrudFilters, key: string): CrudFilters {
  const rest = filters.filter((f) => !onField(config.field)(f))
  const tab = config.tabs.find((t) => t.key === key)
  return tab ? [...rest, { field: config.field, operator: 'in', value: tab.values }] : rest
}
