/** Active customers (at least one metered request) per period, or over a span, from the usage rollups. */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ReportGranularity } from '#contract/reports'
import type { ReportParams } from './params.js'
import { rowsOf } from './definition.js'
import { big } from './figures.js'
import { byPeriod, periodsOf } from './periods.js'
import { usageSource } from './usage_source.js'

/** Distinct active customers in every period of the range. */
export async function activeByPeriod(client: QueryClientContract, p: ReportParams, g: ReportGranularity = p.granularity) {
  const src = usageSource(p)
  const found = await rowsOf(client, `SELECT ${src.period(g)} AS period, count(DISTINCT customer_id) AS active FROM ${src.table} WHERE ${src.within} GROUP BY 1`)
  return byPeriod(periodsOf(p, g), found.map((r) => ({ period: r.period as string, active: big(r.active) })), () => ({ active: 0n }))
}

/** Distinct active customers over the whole range. */
export async function activeInRange(client: QueryClientContract, p: ReportParams): Promise<bigint> {
  const src = usageSource(p)
  const [row] = await rowsOf(client, `SELECT count(DISTINCT customer_id) AS active FROM ${src.table} WHERE ${src.within}`)
  return big(row.active)
}
