/**
 * GET /api/admin/<resource>/summary: what a list's header shows above the table for the same
 * filters and search — the row count (same exact-then-estimated rule as X-Total-Count), a count
 * per quick tab, and the sum of each declared total (money per currency; a count column as a whole number).
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
  const sumOf = (name: string, alias: string) => {
    const field = resource.fields[name]
    return field.sql ? db.raw(`sum((${field.sql}))::text AS ??`, [alias]) : db.raw('sum(??)::text AS ??', [field.column ?? name, alias])
  }
  const shape = (name: string, amount: string | null, currency?: string): MoneyTotal[] => {
    const field = resource.fields[name]
    if (amount === null) return []
    if (field.type === 'number') return [{ amount }]
    return [{ currency: currency ?? field.currency!, amount: formatUnits(amount, field.scale ?? 2) }]
  }
  // totals in one currency (or counts) are summed in one pass over the filtered rows
  const single = names.filter((name) => !resource.fields[name].currencyField)
  const perCurrency = names.filter((name) => resource.fields[name].currencyField)
  const [row, ...grouped] = await Promise.all([
    single.length ? filteredQuery(resource, plan).select(single.map((name, i) => sumOf(name, `t${i}`))).first() : null,
    ...perCurrency.map((name) => {
      const currencyColumn = resource.fields[resource.fields[name].currencyField!].column ?? resource.fields[name].currencyField!
      return filteredQuery(resource, plan)
        .select(sumOf(name, 'amount'), db.raw('?? AS currency', [currencyColumn]))
        .groupBy(currencyColumn)
        .orderBy(currencyColumn) as Promise<Array<{ amount: string | null; currency: string }>>
    }),
  ])
  return Object.fromEntries([
    ...single.map((name, i) => [name, shape(name, row?.[`t${i}`] ?? null)]),
    ...perCurrency.map((name, i) => [name, grouped[i].flatMap((r) => shape(name, r.amount, r.currency))]),
  ]) as Record<string, MoneyTotal[]>
}
