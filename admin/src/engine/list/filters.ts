import type { CrudFilter, CrudFilters, LogicalFilter } from '@refinedev/core'
import dayjs, { type Dayjs } from 'dayjs'
import type { FieldMeta, FilterOperator, ResourceMeta } from '../../meta/types'

/**
 * How each field type is filtered: the control the list shows and the operator(s) it sends.
 * Only operators the declaration allows (`field.filter`) are ever used.
 */
export type FilterKind = 'text' | 'multi' | 'select' | 'range' | 'dateRange' | 'boolean' | 'relation' | 'relationMulti'

export interface FilterSpec {
  field: FieldMeta
  kind: FilterKind
  /** Operators this control emits: one, or [gte, lte] for ranges. */
  operators: FilterOperator[]
}

export const SEARCH_FIELD = 'q'

export function filterSpecFor(field: FieldMeta): FilterSpec | null {
  const allowed = field.filter ?? []
  if (!allowed.length) return null
  const has = (op: FilterOperator) => allowed.includes(op)
  const spec = (kind: FilterKind, operators: FilterOperator[]): FilterSpec => ({ field, kind, operators })

  switch (field.type) {
    case 'string':
    case 'text':
    case 'tags':
    case 'file':
      return spec('text', [has('contains') ? 'contains' : has('eq') ? 'eq' : allowed[0]])
    case 'enum':
      if (has('in')) return spec('multi', ['in'])
      return spec('select', [has('eq') ? 'eq' : allowed[0]])
    case 'number':
    case 'money':
    case 'date':
    case 'datetime': {
      const bounds = (['gte', 'lte'] as FilterOperator[]).filter(has)
      if (bounds.length) return spec(field.type === 'date' || field.type === 'datetime' ? 'dateRange' : 'range', bounds)
      return spec('text', [has('eq') ? 'eq' : allowed[0]])
    }
    case 'boolean':
      return spec('boolean', ['eq'])
    case 'relation':
      if (has('in')) return spec('relationMulti', ['in'])
      return spec('relation', [has('eq') ? 'eq' : allowed[0]])
    default:
      return spec('text', [allowed[0]])
  }
}

export function filterSpecsOf(resource: ResourceMeta): FilterSpec[] {
  return resource.fields.map(filterSpecFor).filter((s): s is FilterSpec => s !== null)
}

export function hasSearch(resource: ResourceMeta): boolean {
  return resource.fields.some((f) => f.searchable)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- antd form values are untyped
export type FilterValues = Record<string, any>

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

function boundToWire(field: FieldMeta, value: unknown, edge: 'start' | 'end'): unknown {
  if (!dayjs.isDayjs(value)) return value
  const d = value as Dayjs
  if (field.type === 'date') return d.format('YYYY-MM-DD')
  return (edge === 'start' ? d.startOf('day') : d.endOf('day')).toISOString()
}

/** Filter-bar values → Refine CrudFilters (what simple-rest turns into the query string). */
export function toCrudFilters(specs: FilterSpec[], values: FilterValues, search?: string): CrudFilters {
  const out: CrudFilter[] = []
  if (search && search.trim()) out.push({ field: SEARCH_FIELD, operator: 'eq', value: search.trim() })
  for (const { field, kind, operators } of specs) {
    const value = values[field.name]
    if (isBlank(value)) continue
    if (kind === 'range' || kind === 'dateRange') {
      const [min, max] = Array.isArray(value) ? value : [undefined, undefined]
      if (!isBlank(min) && operators.includes('gte')) out.push({ field: field.name, operator: 'gte', value: boundToWire(field, min, 'start') })
      if (!isBlank(max) && operators.includes('lte')) out.push({ field: field.name, operator: 'lte', value: boundToWire(field, max, 'end') })
      continue
    }
    out.push({ field: field.name, operator: operators[0], value: typeof value === 'string' ? value.trim() : value })
  }
  return out
}

/** Ids come back from the URL as text; numeric ones are restored so selects match their options. */
const idFromUrl = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)

const MULTI_KINDS = ['multi', 'relationMulti']
const CHOICE_KINDS = ['select', 'boolean', 'relation']

/**
 * Operators a control reads back from the URL: multi-selects also show a single `eq` (a link from a
 * related record), single choices also a one-value `in` (a quick tab such as frozen = false).
 */
const readOperators = ({ kind, operators }: FilterSpec): string[] =>
  MULTI_KINDS.includes(kind) || CHOICE_KINDS.includes(kind) ? [operators[0], 'eq', 'in'] : [operators[0]]

/**
 * CrudFilters (e.g. parsed back from the URL) → filter-bar values. Filters no control shows (another
 * operator, an undeclared field, a quick tab's IN on a single-select field) come back in `rest`, so
 * the bar sends them on unchanged instead of dropping them.
 */
export function fromCrudFilters(specs: FilterSpec[], filters: CrudFilters): { values: FilterValues; search: string; rest: CrudFilter[] } {
  const logical = filters.filter((f): f is LogicalFilter => 'field' in f)
  const used = new Set<CrudFilter>()
  const find = (name: string, ops: string[]) => {
    const hit = logical.find((f) => f.field === name && ops.includes(f.operator) && !used.has(f))
    if (hit) used.add(hit)
    return hit?.value
  }
  const values: FilterValues = {}
  for (const spec of specs) {
    const { field, kind } = spec
    if (kind === 'range' || kind === 'dateRange') {
      const min = find(field.name, ['gte'])
      const max = find(field.name, ['lte'])
      if (isBlank(min) && isBlank(max)) continue
      const conv = (v: unknown) => (isBlank(v) ? null : kind === 'dateRange' ? dayjs(String(v)) : v)
      values[field.name] = [conv(min), conv(max)]
      continue
    }
    const hit = logical.find((f) => f.field === field.name && readOperators(spec).includes(f.operator) && !used.has(f))
    const list = hit && !isBlank(hit.value) ? (Array.isArray(hit.value) ? hit.value : [hit.value]) : []
    // a single choice cannot show several values: such a filter stays as it is, in `rest`
    if (!list.length || (!MULTI_KINDS.includes(kind) && list.length > 1)) continue
    used.add(hit!)
    const restored = kind === 'relation' || kind === 'relationMulti' ? list.map(idFromUrl) : list
    values[field.name] = kind === 'multi' || kind === 'relationMulti' ? restored : restored[0]
  }
  const search = find(SEARCH_FIELD, ['eq'])
  const rest = filters.filter((f) => !used.has(f))
  return { values, search: typeof search === 'string' ? search : '', rest }
}

/** Names of the controls that hold a value. */
export const activeFilterNames = (specs: FilterSpec[], values: FilterValues): string[] =>
  specs.filter((s) => {
    const v = values[s.field.name]
    return Array.isArray(v) && (s.kind === 'range' || s.kind === 'dateRange') ? v.some((x) => !isBlank(x)) : !isBlank(v)
  }).map((s) => s.field.name)
