/**
 * The shape of one report's implementation: its columns, its chart and how it computes its rows
 * (and a totals row) for the asked range. Title, group and how it is computed are the contract's
 * (REPORTS in backend/contract/reports.ts), shared with the console.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ReportChart, ReportColumn, ReportColumnType, ReportGranularity, ReportId } from '#contract/reports'
import type { ReportParams } from './params.js'

export type Row = Record<string, string | number | null>

export type Computed = {
  rows: Row[]
  totals: Row | null
  /** Columns decided by the data (one per refusal reason found); the declared ones otherwise. */
  columns?: ReportColumn[]
  /** A report that is always cut one way (revenue by day, MRR by month, weekly cohorts). */
  granularity?: ReportGranularity
}

export type ReportDefinition = {
  id: ReportId
  columns: ReportColumn[]
  chart: ReportChart
  compute(p: ReportParams, client: QueryClientContract): Promise<Computed>
}

export const column = (key: string, type: ReportColumnType, en: string, zh: string): ReportColumn => ({ key, type, label: { 'en': en, 'zh-CN': zh } })

export const PERIOD = column('period', 'period', 'Period', '周期')

/** The rows of a query. */
export async function rowsOf(client: QueryClientContract, sql: string): Promise<any[]> {
  return (await client.rawQuery(sql)).rows
}
