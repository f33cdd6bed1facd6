/**
 * Arrears rate: customers owing at the end of each period ÷ customers with usage in it. What a
 * customer owes at an instant is its `arrears` account's balance after the last entry before that
 * instant (the ledger keeps every entry with the balance after it), so past periods are exact.
 */
import { PERIOD, column, rowsOf, type ReportDefinition } from './definition.js'
import { big, count, money, percent } from './figures.js'
import { activeByPeriod, activeInRange } from './active.js'
import { periodsOf, zoned } from './periods.js'

export const arrearsRate: ReportDefinition = {
  id: 'arrears_rate',
  columns: [
    PERIOD,
    column('owing', 'count', 'Customers owing at the end', '期末欠费用户数'),
    column('active', 'count', 'Customers with usage', '有用量的用户数'),
    column('rate', 'percent', 'Arrears rate', '欠费率'),
    column('owed', 'money', 'Amount owed at the end', '期末欠款金额'),
  ],
  chart: { type: 'line', x: 'period', series: ['rate'] },
  async compute(p, client) {
    const z = zoned(p)
    const periods = periodsOf(p)
    const ends = periods.map((x) => `('${x.period}', ${z.dayStart(x.until)})`).join(', ')
    const found = await rowsOf(
      client,
      `WITH ends(period, at) AS (VALUES ${ends})
       SELECT e.period, count(*) FILTER (WHERE l.balance_after < 0) AS owing, coalesce(-sum(l.balance_after) FILTER (WHERE l.balance_after < 0), 0) AS owed
       FROM ends e
       CROSS JOIN ledger_accounts a
       JOIN customers c ON c.id = a.owner_id
       LEFT JOIN LATERAL (
         SELECT balance_after FROM ledger_entries WHERE account_id = a.id AND created_at < e.at ORDER BY created_at DESC, id DESC LIMIT 1
       ) l ON true
       WHERE a.code = 'arrears' AND a.owner_type = 'customer'
       GROUP BY e.period`
    )
    const owing = new Map(found.map((r) => [r.period as string, { owing: big(r.owing), owed: big(r.owed) }]))
    const active = await activeByPeriod(client, p)
    const rows = periods.map((x, i) => {
      const o = owing.get(x.period) ?? { owing: 0n, owed: 0n }
      return { period: x.period, owing: count(o.owing), active: count(active[i].active), rate: percent(o.owing, active[i].active), owed: money(o.owed) }
    })
    const last = owing.get(periods[periods.length - 1].period) ?? { owing: 0n, owed: 0n }
    const all = await activeInRange(client, p)
    return { rows, totals: { period: null, owing: count(last.owing), active: count(all), rate: percent(last.owing, all), owed: money(last.owed) } }
  },
}
