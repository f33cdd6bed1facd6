/** Money in and out: recharge trend, package sales ranking, revenue by day, refund rate, MRR. */
import { PERIOD, column, rowsOf, type ReportDefinition } from './definition.js'
import { big, count, money, percent } from './figures.js'
import { PAID_STATUSES, noPaid, noRefunds, paidByPeriod, refundsByPeriod } from './money_sources.js'
import { byPeriod, periodsOf, zoned } from './periods.js'

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n)

export const rechargeTrend: ReportDefinition = {
  id: 'recharge_trend',
  columns: [
    PERIOD,
    column('orders', 'count', 'Paid orders', '支付订单数'),
    column('customers', 'count', 'Paying customers', '付款用户数'),
    column('recharged', 'money', 'Recharged', '充值金额'),
  ],
  chart: { type: 'line', x: 'period', series: ['recharged'] },
  async compute(p, client) {
    const rows = byPeriod(periodsOf(p), await paidByPeriod(client, p), noPaid)
    const [all = { ...noPaid(), period: '' }] = await paidByPeriod(client, p, null)
    return {
      rows: rows.map((r) => ({ period: r.period, orders: count(r.orders), customers: count(r.customers), recharged: money(r.amount) })),
      totals: { period: null, orders: count(all.orders), customers: count(all.customers), recharged: money(all.amount) },
    }
  },
}

export const packageRevenue: ReportDefinition = {
  id: 'package_revenue',
  columns: [
    column('package', 'text', 'Package', '套餐'),
    column('orders', 'count', 'Orders sold', '销量'),
    column('revenue', 'money', 'Revenue', '收入'),
    column('share', 'percent', 'Share of revenue', '收入占比'),
  ],
  chart: { type: 'bar', x: 'package', series: ['revenue'] },
  async compute(p, client) {
    const z = zoned(p)
    const found = await rowsOf(
      client,
      `SELECT o.plan_id, coalesce(max(pl.name), max(o.plan_name)) AS name, count(*) AS orders, sum(o.grant_amount) AS revenue
       FROM orders o LEFT JOIN plans pl ON pl.id = o.plan_id
       WHERE o.status IN ${PAID_STATUSES} AND ${z.within('o.paid_at')}
       GROUP BY o.plan_id ORDER BY count(*) DESC, sum(o.grant_amount) DESC, o.plan_id NULLS LAST`
    )
    const total = sum(found.map((r) => big(r.revenue)))
    return {
      rows: found.map((r) => ({ package: r.plan_id === null ? '—' : r.name, orders: count(r.orders), revenue: money(big(r.revenue)), share: percent(big(r.revenue), total) })),
      totals: { package: null, orders: count(sum(found.map((r) => big(r.orders)))), revenue: money(total), share: percent(total, total) },
    }
  },
}

export const revenueByDay: ReportDefinition = {
  id: 'revenue_by_day',
  columns: [
    PERIOD,
    column('orders', 'count', 'Paid orders', '支付订单数'),
    column('revenue', 'money', 'Revenue', '收入'),
    column('refunded', 'money', 'Refunded', '退款'),
    column('net', 'money', 'Net revenue', '净收入'),
    column('cumulative', 'money', 'Net since the first day', '累计净收入'),
  ],
  chart: { type: 'bar', x: 'period', series: ['net'] },
  async compute(p, client) {
    const daily = { ...p, granularity: 'day' as const }
    const periods = periodsOf(daily)
    const paid = byPeriod(periods, await paidByPeriod(client, daily), noPaid)
    const refunds = byPeriod(periods, await refundsByPeriod(client, daily), noRefunds)
    let running = 0n
    const rows = paid.map((r, i) => {
      const net = r.amount - refunds[i].amount
      running += net
      return { period: r.period, orders: count(r.orders), revenue: money(r.amount), refunded: money(refunds[i].amount), net: money(net), cumulative: money(running) }
    })
    const revenue = sum(paid.map((r) => r.amount))
    const refunded = sum(refunds.map((r) => r.amount))
    return {
      granularity: 'day',
      rows,
      totals: { period: null, orders: count(sum(paid.map((r) => r.orders))), revenue: money(revenue), refunded: money(refunded), net: money(revenue - refunded), cumulative: null },
    }
  },
}

export const refundRate: ReportDefinition = {
  id: 'refund_rate',
  columns: [
    PERIOD,
    column('paid', 'money', 'Revenue paid', '已付收入'),
    column('refunds', 'count', 'Refunds', '退款笔数'),
    column('refunded', 'money', 'Refunded', '退款金额'),
    column('rate', 'percent', 'Refund rate', '退款率'),
  ],
  chart: { type: 'line', x: 'period', series: ['rate'] },
  async compute(p, client) {
    const periods = periodsOf(p)
    const paid = byPeriod(periods, await paidByPeriod(client, p), noPaid)
    const refunds = byPeriod(periods, await refundsByPeriod(client, p), noRefunds)
    const rows = paid.map((r, i) => ({ period: r.period, paid: money(r.amount), refunds: count(refunds[i].refunds), refunded: money(refunds[i].amount), rate: percent(refunds[i].amount, r.amount) }))
    const [paidTotal, refundedTotal] = [sum(paid.map((r) => r.amount)), sum(refunds.map((r) => r.amount))]
    return {
      rows,
      totals: { period: null, paid: money(paidTotal), refunds: count(sum(refunds.map((r) => r.refunds))), refunded: money(refundedTotal), rate: percent(refundedTotal, paidTotal) },
    }
  },
}

export const mrr: ReportDefinition = {
  id: 'mrr',
  columns: [
    PERIOD,
    column('revenue', 'money', 'Revenue paid', '已付收入'),
    column('refunded', 'money', 'Refunded', '退款'),
    column('mrr', 'money', 'MRR (net)', 'MRR（净额）'),
    column('change', 'percent', 'Change from the previous month', '环比变化'),
  ],
  chart: { type: 'bar', x: 'period', series: ['mrr'] },
  async compute(p, client) {
    const monthly = { ...p, granularity: 'month' as const }
    const periods = periodsOf(monthly)
    const paid = byPeriod(periods, await paidByPeriod(client, monthly), noPaid)
    const refunds = byPeriod(periods, await refundsByPeriod(client, monthly), noRefunds)
    let previous: bigint | null = null
    const rows = paid.map((r, i) => {
      const net = r.amount - refunds[i].amount
      const change = previous === null ? null : percent(net - previous, previous < 0n ? -previous : previous)
      previous = net
      return { period: r.period, revenue: money(r.amount), refunded: money(refunds[i].amount), mrr: money(net), change }
    })
    const [revenue, refunded] = [sum(paid.map((r) => r.amount)), sum(refunds.map((r) => r.amount))]
    return { granularity: 'month', rows, totals: { period: null, revenue: money(revenue), refunded: money(refunded), mrr: money(revenue - refunded), change: null } }
  },
}
