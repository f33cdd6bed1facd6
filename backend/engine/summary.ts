/**
 * GET /api/admin/<resource>/summary: what a list's header shows above the table for the same
 * filters and search — the row count (same exact-then-estimated rule as X-Total-Count), a count
 * per quick tab, and the sum of each declared money total per currency.
 *
 * A tab's count ignores the list's own filter on the tab field (the tabs are how that filter is
 * chosen), so "Paid 12" stays visible while the "Pending" tab is open.
 */
import db from '@adonisjs/lucid/services/db'
import type { ListSummary, MoneyTotal } from '../contract/meta.js'
import type { ResourceDef } from './types.js'
import type { ListPlan } from './list_query.js'
import { readableBy } from './list_query.js'
import { countRows } from './count.js'
import { filteredQuery, isFiltered } from './list.js'
import { formatUnits } from '#contract/money'

export async function summarize(resource: ResourceDef, plan: ListPlan, canSeeSensitive: boolean): Promise<ListSummary> {
  const base = filteredQuery(resource, plan)
  const [count, tabs, totals] = await Promise.all([
    countRows(base, resource.table, isFiltered(plan)),
    tabCounts(resource, plan),
    moneyTotals(resource, plan, canSeeSensitive),
  ])
  return { count: count.total, estimated: count.estimated, ...(tabs ? { tabs } : {}), ...(totals ? { totals } : {}) }
}

async function tabCounts(resource: ResourceDef, plan: ListPlan) {
  if (!resource.quickTabs) return undefined
  const { field, tabs } = resource.quickTabs
  const column = resource.fields[field].column ?? field
  const others: ListPlan = { ...plan, conditions: plan.conditions.filter((c) => c.field !== field) }
  const counted = await Promise.all([
    countRows(filteredQuery(resource, others), resource.table, isFiltered(others)),
    ...tabs.map((tab) => countRows(filteredQuery(resource, others).whereIn(column, tab.values), resource.table, true)),
  ])
  return Object.fromEntries([['all', counted[0].total], ...tabs.map((tab, i) => [tab.key, counted[i + 1].total])]) as Record<string, number>
}

async function moneyTotals(resource: ResourceDef, plan: ListPlan, canSeeSensitive: boolean) {
  const names = (resource.totals ?? []).filter((name) => readableBy(resource.fields[name], canSeeSensitive))
  if (!names.length) return undefined
  const entries = await Promise.all(
    names.map(async (name): Promise<[string, MoneyTotal[]]> => {
      const field = resource.fields[name]
      const amount = field.sql ? db.raw(`sum((${field.sql}))::text AS amount`) : db.raw('sum(??)::text AS amount', [field.column ?? name])
      const query = filteredQuery(resource, plan).select(amount)
      if (field.currencyField) {
        const currencyColumn = resource.fields[field.currencyField].column ?? field.currencyField
        query.select(db.raw('?? AS currency', [currencyColumn])).groupBy(currencyColumn).orderBy(currencyColumn)
      }
      const rows: Array<{ amount: string | null; currency?: string }> = await query
      const sums = rows
        .filter((row) => row.amount !== null)
        .map((row) => ({ currency: row.currency ?? field.currency!, amount: formatUnits(row.amount!, field.scale ?? 2) }))
      return [name, sums]
    })
  )
  return Object.fromEntries(entries)
}
