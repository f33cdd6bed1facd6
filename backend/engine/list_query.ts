/**
 * Parses the @refinedev/simple-rest list query into a checked plan and applies it to a
 * query builder. Anything the resource did not declare (a field, an operator, a sort) is a
 * 400 naming it: a filter is never silently ignored.
 *
 * A caller who sees a sensitive field masked may not filter or sort on it (403 naming the
 * field): the match count would otherwise reveal the value one guess at a time. Their `q`
 * search leaves sensitive columns out (see `searchableFields`).
 */
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { DateTime } from 'luxon'
import { BadRequest, SensitiveFieldRefused } from '#exceptions/domain_errors'
import type { FieldDef, Operator, ResourceDef } from './types.js'
import { parseUnits } from '#contract/money'

export const MAX_PAGE_SIZE = 200

/** `lt` is internal: an upper bound becomes "before the end of the span it names" (see instantOf). */
type Condition = { field: string; column: string; op: Operator | 'lt'; values: unknown[]; sql?: string }

export type ListPlan = {
  conditions: Condition[]
  search?: string
  /** The fields `search` looks in: the searchable ones this caller may read. */
  searchIn: string[]
  sort: Array<{ column: string; order: 'asc' | 'desc'; sql?: string }>
  start: number
  end: number
}

const SUFFIXES: Array<[string, Operator]> = [
  ['_ne', 'ne'],
  ['_gte', 'gte'],
  ['_lte', 'lte'],
  ['_like', 'contains'],
]
/**
 * `_tz` and `_lang`: how an export writes dates and labels for people (see export_columns.ts).
 * `_org`: the organization a portal download acts in (services/portal/acting.ts), not a filter.
 */
const RESERVED = new Set(['_start', '_end', '_sort', '_order', 'q', '_tz', '_lang', '_org'])

export type ListOptions = {
  paginate?: boolean
  /**
   * false for a caller without `view_sensitive`. Internal callers (the campaign sender, the
   * portal's own lists) act on filters already checked when they were saved, hence the default.
   */
  canSeeSensitive?: boolean
}

/** May this caller filter, sort or search on the field? Not on a value they only see masked. */
export function readableBy(field: FieldDef, canSeeSensitive: boolean) {
  return !field.sensitive || canSeeSensitive
}

/** The fields a `q` search looks in for this caller. */
export function searchableFields(resource: ResourceDef, canSeeSensitive = true) {
  return Object.entries(resource.fields).filter(([, f]) => f.searchable && !f.writeOnly && readableBy(f, canSeeSensitive))
}

export function parseListQuery(resource: ResourceDef, qs: Record<string, unknown>, options: ListOptions = {}): ListPlan {
  const conditions: Condition[] = []
  const canSeeSensitive = options.canSeeSensitive !== false

  for (const [key, raw] of Object.entries(qs)) {
    if (RESERVED.has(key)) continue
    const values = asStrings(key, raw)
    const [fieldName, op] = splitKey(resource, key)
    const field = resource.fields[fieldName]
    if (!field || field.writeOnly || field.compute) {
      throw new BadRequest(`Unknown filter field "${fieldName}" on ${resource.name}`)
    }
    const allowed = field.filter ?? []
    if (allowed.length && !readableBy(field, canSeeSensitive)) throw new SensitiveFieldRefused(resource.name, fieldName, 'filter')
    if (op !== 'eq' && values.length > 1) {
      throw new BadRequest(`"${key}" may be given once`)
    }
    const effective: Operator = op === 'eq' && values.length > 1 ? 'in' : op
    const permitted = allowed.includes(effective) || (effective === 'in' && allowed.includes('eq')) || (effective === 'eq' && allowed.includes('in'))
    if (!permitted) {
      throw new BadRequest(`Field "${fieldName}" cannot be filtered with "${effective}" on ${resource.name}`)
    }
    // an upper bound includes the whole span it names: a date-only bound its day, a time (sent
    // with milliseconds) the microseconds stored within its millisecond
    const upperSpan = effective === 'lte' && (field.type === 'datetime' || (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(values[0])))
    conditions.push({
      field: fieldName,
      column: field.column ?? fieldName,
      op: upperSpan ? 'lt' : effective,
      values: values.map((v) => coerce(fieldName, field, effective, v, upperSpan)),
      ...(field.sql ? { sql: field.sql } : {}),
    })
  }

  let search: string | undefined
  if (qs.q !== undefined) {
    const [q] = asStrings('q', qs.q)
    if (!searchableFields(resource, canSeeSensitive).length && !resource.exactSearch) {
      throw new BadRequest(`${resource.name} has no searchable fields`)
    }
    if (q.length > 200) throw new BadRequest('The search text is too long (200 characters at most)')
    search = q.trim() || undefined
  }

  const sort = parseSort(resource, qs._sort, qs._order, canSeeSensitive)
  const { start, end } = parseRange(qs._start, qs._end, options.paginate !== false)
  return { conditions, search, searchIn: searchableFields(resource, canSeeSensitive).map(([name]) => name), sort, start, end }
}

function splitKey(resource: ResourceDef, key: string): [string, Operator] {
  if (resource.fields[key]) return [key, 'eq']
  for (const [suffix, op] of SUFFIXES) {
    if (key.endsWith(suffix)) return [key.slice(0, -suffix.length), op]
  }
  return [key, 'eq']
}

function asStrings(key: string, raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [raw]
  if (!list.length || list.some((v) => typeof v !== 'string')) {
    throw new BadRequest(`The query parameter "${key}" must be plain text`)
  }
  if (list.some((v) => (v as string).includes('\u0000'))) throw new BadRequest(`The query parameter "${key}" contains a NUL character`)
  if (list.length > 500) throw new BadRequest(`Too many values for "${key}" (500 at most)`)
  return list as string[]
}

/** A uuid as PostgreSQL accepts it: checked first, so a bad one is a 400 and never a database error. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function coerce(name: string, field: FieldDef, op: Operator, value: string, afterSpan = false): unknown {
  const fail = (what: string): never => {
    throw new BadRequest(`Filter "${name}": "${value.slice(0, 60)}" is not ${what}`)
  }
  if (op === 'contains') {
    if (value.length > 200) fail('a search text of 200 characters or fewer')
    return value
  }
  if (field.format === 'uuid' && !UUID.test(value)) fail('an id')
  switch (field.type) {
    case 'number':
    case 'relation':
      if (!/^-?\d{1,18}(\.\d+)?$/.test(value)) fail('a number')
      return value
    case 'money':
      try {
        return parseUnits(value, field.scale ?? 2).toString()
      } catch {
        return fail('an amount')
      }
    case 'boolean':
      if (['true', '1'].includes(value)) return true
      if (['false', '0'].includes(value)) return false
      return fail('true or false')
    case 'enum':
      if (!field.options!.some((o) => o.value === value)) fail(`one of ${field.options!.map((o) => o.value).join(', ')}`)
      return value
    case 'date': {
      const parsed = DateTime.fromISO(value, { zone: 'utc' })
      if (!parsed.isValid) fail('an ISO 8601 date')
      // a date-only upper bound ("2026-11-22") includes that whole day
      if (afterSpan) return parsed.plus({ days: 1 }).toJSDate()
      return parsed.toJSDate()
    }
    case 'datetime': {
      const instant = instantOf(value)
      if (!instant) return fail('an ISO 8601 date')
      return isoMicros(afterSpan ? instant.start + instant.span : instant.start)
    }
    default:
      if (value.length > 500) fail('a value of 500 characters or fewer')
      return value
  }
}

const MICROS = { day: 86_400_000_000n, second: 1_000_000n, milli: 1_000n }

/**
 * A datetime filter value as the microsecond it starts at (PostgreSQL's precision) and the span
 * it names. Timestamps leave the API with milliseconds while PostgreSQL stores microseconds, so
 * a time names its whole millisecond ("…T10:00:00.123Z" spans .123000–.123999); a date-only
 * value names its day; 4–6 fraction digits name that much finer a span. Luxon reads only
 * milliseconds, so the fraction is read here.
 */
export function instantOf(value: string): { start: bigint; span: bigint } | null {
  const parsed = DateTime.fromISO(value, { zone: 'utc' })
  if (!parsed.isValid || parsed.year < 1 || parsed.year > 9999) return null
  const time = /T\d{2}(?::?\d{2}(?::?\d{2}(?:[.,](\d+))?)?)?/.exec(value)
  const fraction = (time?.[1] ?? '').slice(0, 6)
  const span = !time ? MICROS.day : fraction.length > 3 ? 10n ** BigInt(6 - fraction.length) : MICROS.milli
  const seconds = BigInt(parsed.startOf('second').toMillis()) * 1000n
  return { start: seconds + BigInt(fraction.padEnd(6, '0')), span }
}

/** Microseconds since the epoch → ISO 8601 text with six fraction digits, for PostgreSQL. */
function isoMicros(micros: bigint) {
  const fraction = ((micros % MICROS.second) + MICROS.second) % MICROS.second
  const whole = new Date(Number((micros - fraction) / 1000n)).toISOString().slice(0, 19)
  return `${whole}.${fraction.toString().padStart(6, '0')}Z`
}

function parseSort(resource: ResourceDef, rawSort: unknown, rawOrder: unknown, canSeeSensitive: boolean) {
  const pk = resource.primaryKey ?? 'id'
  const defaults = defaultSortFor(resource, canSeeSensitive)
  const fields = rawSort === undefined ? defaults.map((s) => s.field) : asStrings('_sort', rawSort).join(',').split(',')
  const orders = rawSort === undefined ? defaults.map((s) => s.order) : rawOrder === undefined ? [] : asStrings('_order', rawOrder).join(',').split(',')
  const sort = fields.map((name, i) => {
    const field = Object.hasOwn(resource.fields, name.trim()) ? resource.fields[name.trim()] : undefined
    if (!field || !field.sortable || field.writeOnly || field.compute) throw new BadRequest(`Cannot sort ${resource.name} by "${name}"`)
    if (!readableBy(field, canSeeSensitive)) throw new SensitiveFieldRefused(resource.name, name.trim(), 'sort')
    const order = (orders[i] ?? 'asc').trim().toLowerCase()
    if (order !== 'asc' && order !== 'desc') throw new BadRequest(`Sort order must be asc or desc, not "${order}"`)
    return { column: field.column ?? name.trim(), order: order as 'asc' | 'desc', ...(field.sql ? { sql: field.sql } : {}) }
  })
  if (!sort.some((s) => s.column === pk)) sort.push({ column: pk, order: sort.at(-1)?.order ?? 'asc' })
  return sort
}

/** The declared default order, without sensitive fields for a caller who sees them masked. */
export function defaultSortFor(resource: ResourceDef, canSeeSensitive: boolean) {
  return resource.defaultSort.filter((s) => readableBy(resource.fields[s.field], canSeeSensitive))
}

function parseRange(rawStart: unknown, rawEnd: unknown, paginate: boolean) {
  const int = (key: string, raw: unknown) => {
    const [text] = asStrings(key, raw)
    if (!/^\d{1,9}$/.test(text)) throw new BadRequest(`"${key}" must be a whole number of 0 or more`)
    return Number(text)
  }
  const start = rawStart === undefined ? 0 : int('_start', rawStart)
  if (!paginate) return { start: 0, end: Number.MAX_SAFE_INTEGER }
  let end = rawEnd === undefined ? start + MAX_PAGE_SIZE : int('_end', rawEnd)
  if (end < start) throw new BadRequest('"_end" must not be lower than "_start"')
  if (end - start > MAX_PAGE_SIZE) end = start + MAX_PAGE_SIZE
  return { start, end }
}

/** Applies filters and search (not sort or paging) so the same plan serves list, count and export. */
export function applyFilters(query: DatabaseQueryBuilderContract<any>, resource: ResourceDef, plan: ListPlan) {
  for (const condition of plan.conditions) {
    const field = resource.fields[condition.field]
    const column = condition.column
    const [first] = condition.values
    if (condition.sql) {
      applyExpression(query, condition)
      continue
    }
    if (field.type === 'tags') {
      if (condition.op === 'ne') query.whereRaw(`NOT (?? @> ARRAY[?]::text[])`, [column, first as string])
      else if (condition.op === 'contains') query.whereRaw(`array_to_string(??, ' ') ILIKE ?`, [column, like(first as string)])
      else query.whereRaw(`?? && ?::text[]`, [column, condition.values as string[]])
      continue
    }
    switch (condition.op) {
      case 'eq':
        query.where(column, first as any)
        break
      case 'in':
        query.whereIn(column, condition.values as any[])
        break
      case 'ne':
        query.where((q) => q.whereNot(column, first as any).orWhereNull(column))
        break
      case 'gte':
        query.where(column, '>=', first as any)
        break
      case 'lte':
        query.where(column, '<=', first as any)
        break
      case 'lt':
        query.where(column, '<', first as any)
        break
      case 'contains':
        query.whereILike(column, like(first as string))
        break
    }
  }
  if (plan.search) {
    const text = plan.search
    const exact = [resource.exactSearch?.(text) ?? []].flat()
    query.where((q) => {
      // no field can hold the text (letters typed where only numbers are searched): nothing matches
      q.whereRaw('false')
      for (const match of exact) {
        if ('sql' in match) q.orWhereRaw(match.sql, [match.value])
        else q.orWhere(match.column, match.value)
      }
      for (const name of plan.searchIn) {
        const field = resource.fields[name]
        const column = field.column ?? name
        const numeric = field.type === 'number' || field.type === 'relation'
        if (numeric && !/^\d{1,18}$/.test(text)) continue
        if (field.sql) q.orWhereRaw(numeric ? `(${field.sql}) = ?` : `(${field.sql})::text ILIKE ?`, [numeric ? text : like(text)])
        else if (numeric) q.orWhere(column, text)
        else q.orWhereILike(column, like(text))
      }
    })
  }
  return query
}

function like(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`
}

export function applySort(query: DatabaseQueryBuilderContract<any>, plan: ListPlan) {
  for (const { column, order, sql } of plan.sort) {
    if (sql) query.orderByRaw(`(${sql}) ${order}`)
    else query.orderBy(column, order)
  }
  return query
}

/** A condition on a computed (`sql`) field: the declared expression stands where a column would. */
function applyExpression(query: DatabaseQueryBuilderContract<any>, condition: Condition) {
  const expression = `(${condition.sql})`
  const [first] = condition.values
  const compare = { eq: '=', gte: '>=', lte: '<=', lt: '<' } as const
  switch (condition.op) {
    case 'in':
      query.whereRaw(`${expression} IN (${condition.values.map(() => '?').join(', ')})`, condition.values as any[])
      break
    case 'ne':
      query.whereRaw(`${expression} IS DISTINCT FROM ?`, [first as any])
      break
    case 'contains':
      query.whereRaw(`${expression}::text ILIKE ?`, [like(first as string)])
      break
    default:
      query.whereRaw(`${expression} ${compare[condition.op]} ?`, [first as any])
  }
}
