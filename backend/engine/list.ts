/**
 * The one list block: a checked plan (list_query.ts) becomes a page of rows and its total
 * (`X-Total-Count`, exact up to COUNT_CAP then estimated, see count.ts), shaped by the caller's
 * presenter. The console's generic lists and the portal's own lists all go through here.
 */
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { ResourceDef } from './types.js'
import { applyFilters, applySort, type ListPlan } from './list_query.js'
import { countRows } from './count.js'

type Query = DatabaseQueryBuilderContract<any>

/** Narrows a list to what the caller may see of it (the portal: the signed-in customer's rows). */
export type Scope = (query: Query) => void

/** A resource's columns plus its computed (`sql`) fields under their own names. */
export function selectFields(query: Query, resource: ResourceDef) {
  const computed = Object.entries(resource.fields).filter(([, f]) => f.sql)
  return query.select(`${resource.table}.*`, ...computed.map(([name, f]) => db.raw(`(${f.sql}) AS ??`, [name])))
}

/** The filtered rows of a list, unsorted and unpaged: what list, count, summary and export share. */
export function filteredQuery(resource: ResourceDef, plan: ListPlan, scope?: Scope) {
  const query = applyFilters(db.from(resource.table), resource, plan)
  scope?.(query)
  return query
}

export function isFiltered(plan: ListPlan, scope?: Scope) {
  return !!scope || plan.conditions.length > 0 || !!plan.search
}

/**
 * Answers a list request: one page of rows (presented by `present`) and its total in
 * `X-Total-Count` (plus `X-Total-Count-Estimated: true` past the exact-count cap).
 */
export async function serveList<T>(
  ctx: HttpContext,
  resource: ResourceDef,
  plan: ListPlan,
  present: (rows: Array<Record<string, any>>) => T[] | Promise<T[]>,
  scope?: Scope
): Promise<T[]> {
  const base = filteredQuery(resource, plan, scope)
  const [rows, count] = await Promise.all([
    selectFields(applySort(base.clone(), plan), resource).offset(plan.start).limit(plan.end - plan.start),
    countRows(base, resource.table, isFiltered(plan, scope)),
  ])
  ctx.response.header('X-Total-Count', String(count.total))
  if (count.estimated) ctx.response.header('X-Total-Count-Estimated', 'true')
  return present(rows as Array<Record<string, any>>)
}
