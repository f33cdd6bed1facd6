import type { ResourceMeta as ContractResourceMeta } from '@creditdesk/contract/meta'
import type { ResourceMeta } from '../../meta/types'
import type { FilterSpec } from './filters'

/**
 * What a resource declares for its list screen beyond fields (meta `primaryFilters`, `quickTabs`,
 * `totals`). Read through `listOptionsOf` so a meta document without them still renders.
 */
export type ListOptions = Pick<ContractResourceMeta, 'primaryFilters' | 'quickTabs' | 'totals'>

/** At most this many filters sit inline; the backend refuses to declare more. */
export const MAX_PRIMARY_FILTERS = 6
/** Without a declaration, this many filters of listed columns sit inline. */
const DEFAULT_PRIMARY_FILTERS = 4

export const listOptionsOf = (resource: ResourceMeta): ListOptions => resource as ResourceMeta & ListOptions

/**
 * Splits filter controls into the inline ones (meta `primaryFilters`, in their declared order) and
 * the ones behind "More filters". A resource that declares none shows its first few listed columns.
 */
export function splitFilterSpecs(resource: ResourceMeta, specs: FilterSpec[]): { primary: FilterSpec[]; more: FilterSpec[] } {
  const declared = listOptionsOf(resource).primaryFilters
  const names = declared
    ? declared.slice(0, MAX_PRIMARY_FILTERS)
    : specs.filter((s) => s.field.list).slice(0, DEFAULT_PRIMARY_FILTERS).map((s) => s.field.name)
  const primary = names.map((n) => specs.find((s) => s.field.name === n)).filter((s): s is FilterSpec => !!s)
  return { primary, more: specs.filter((s) => !primary.includes(s)) }
}
