/** Usage and cost: consumption trend, gross margin, cost by model and by channel, credit utilisation. */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ReportParams } from './params.js'
import { PERIOD, column, rowsOf, type ReportDefinition } from './definition.js'
import { big, count, money, percent } from './figures.js'
import { byPeriod, periodsOf, zoned } from './periods.js'
import { usageSource } from './usage_source.js'

const MEASURES = ['requests', 'input_tokens', 'output_tokens', 'charged', 'cost', 'margin'] as const
type Usage = Record<(typeof MEASURES)[number], bigint>
const noUsage = (): Usage => Object.fromEntries(MEASURES.map((m) => [m, 0n])) as Usage
const sums = MEASURES.map((m) => `coalesce(sum(${m}), 0) AS ${m}`).join(', ')
const read = (r: any): Usage => Object.fromEntries(MEASURES.map((m) => [m, big(r[m])])) as Usage
const total = (rows: Usage[]) => rows.reduce((t, r) => Object.fromEntries(MEASURES.map((m) => [m, t[m] + r[m]])) as Usage, noUsage())

/** Usage per period of the range (every period, zero where nothing was used). */
async function usageByPeriod(client: QueryClientContract, p: ReportParams) {
  const src = usageSource(p)
  const found = await rowsOf(client, `SELECT ${src.period()} AS period, ${sums} FROM ${src.table} WHERE ${src.within} GROUP BY 1`)
  return byPeriod(periodsOf(p), found.map((r) => ({ ...read(r), period: r.period as string })), noUsage)
}

export const consumptionTrend: ReportDefinition = {
  id: 'consumption_trend',
  columns: [
    PERIOD,
    column('requests', 'count', 'Requests', '请求数'),
    column('input_tokens', 'tokens', 'Input tokens', '输入 Token'),
    column('output_tokens', 'tokens', 'Output tokens', '输出 Token'),
    column('charged', 'money', 'Charged', '消耗金额'),
  ],
  chart: { type: 'line', x: 'period', series: ['charged'] },
  async compute(p, client) {
    const rows = await usageByPeriod(client, p)
    const shape = (r: Usage) => ({ requests: count(r.requests), input_tokens: count(r.input_tokens), output_tokens: count(r.output_tokens), charged: money(r.charged) })
    return { rows: rows.map((r) => ({ period: r.period, ...shape(r) })), totals: { period: null, ...shape(total(rows)) } }
  },
}

export const grossMargin: ReportDefinition = {
  id: 'gross_margin',
  columns: [
    PERIOD,
    column('revenue', 'money', 'Usage revenue', '用量收入'),
    column('cost', 'money', 'Provider cost', '上游成本'),
    column('margin', 'money', 'Gross margin', '毛利'),
    column('margin_rate', 'percent', 'Margin %', '毛利率'),
  ],
  chart: { type: 'line', x: 'period', series: ['revenue', 'cost', 'margin'] },
  async compute(p, client) {
    const rows = await usageByPeriod(client, p)
    const shape = (r: Usage) => ({ revenue: money(r.charged), cost: money(r.cost), margin: money(r.margin), margin_rate: percent(r.margin, r.charged) })
    return { rows: rows.map((r) => ({ period: r.period, ...shape(r) })), totals: { period: null, ...shape(total(rows)) } }
  },
}

/** Cost ranking by a dimension of the rollups, highest cost first. */
function costBy(id: 'cost_by_model' | 'cost_by_channel', dimension: 'model_id' | 'channel_id', label: string, labels: [string, string]): ReportDefinition {
  return {
    id,
    columns: [
      column(dimension === 'model_id' ? 'model' : 'channel', 'text', ...labels),
      column('requests', 'count', 'Requests', '请求数'),
      column('revenue', 'money', 'Usage revenue', '用量收入'),
      column('cost', 'money', 'Provider cost', '上游成本'),
      column('share', 'percent', 'Share of cost', '成本占比'),
      column('margin', 'money', 'Gross margin', '毛利'),
    ],
    chart: { type: 'bar', x: dimension === 'model_id' ? 'model' : 'channel', series: ['cost'] },
    async compute(p, client) {
      const src = usageSource(p)
      const found = await rowsOf(
        client,
        `SELECT u.*, (${label}) AS label FROM (
           SELECT ${dimension} AS id, ${sums} FROM ${src.table} WHERE ${src.within} GROUP BY ${dimension}
         ) u ORDER BY u.cost DESC, u.id`
      )
      const all = total(found.map(read))
      const key = dimension === 'model_id' ? 'model' : 'channel'
      const shape = (r: Usage) => ({ requests: count(r.requests), revenue: money(r.charged), cost: money(r.cost), share: percent(r.cost, all.cost), margin: money(r.margin) })
      return { rows: found.map((r) => ({ [key]: r.label ?? '—', ...shape(read(r)) })), totals: { [key]: null, ...shape(all) } }
    },
  }
}

export const costByModel = costBy('cost_by_model', 'model_id', 'SELECT m.name FROM usage_models m WHERE m.id = u.id', ['Model', '模型'])
export const costByChannel = costBy('cost_by_channel', 'channel_id', 'SELECT c.name FROM channels c WHERE c.id = u.id', ['Channel', '渠道'])

/** Ledger types that put new credit on customers' balances (a cash adjustment only when positive). */
const GRANTING = `('recharge', 'redeem', 'voucher_grant', 'cash_adjustment')`

export const creditUtilisation: ReportDefinition = {
  id: 'credit_utilisation',
  columns: [
    PERIOD,
    column('granted', 'money', 'Credit granted', '发放额度'),
    column('consumed', 'money', 'Credit consumed', '消耗额度'),
    column('utilisation', 'percent', 'Utilisation', '使用率'),
  ],
  chart: { type: 'line', x: 'period', series: ['granted', 'consumed'] },
  async compute(p, client) {
    const z = zoned(p)
    const usage = await usageByPeriod(client, p)
    const grantedRows = await rowsOf(
      client,
      `SELECT ${z.period('created_at')} AS period, coalesce(sum(CASE WHEN type = 'cash_adjustment' THEN greatest(amount, 0) ELSE amount END), 0) AS granted
       FROM ledger_transactions WHERE type IN ${GRANTING} AND ${z.within('created_at')} GROUP BY 1`
    )
    const granted = byPeriod(periodsOf(p), grantedRows.map((r) => ({ period: r.period as string, granted: big(r.granted) })), () => ({ granted: 0n }))
    const rows = usage.map((u, i) => ({ period: u.period, granted: money(granted[i].granted), consumed: money(u.charged), utilisation: percent(u.charged, granted[i].granted) }))
    const [g, c] = [granted.reduce((t, r) => t + r.granted, 0n), total(usage).charged]
    return { rows, totals: { period: null, granted: money(g), consumed: money(c), utilisation: percent(c, g) } }
  },
}
