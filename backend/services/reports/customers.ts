/** Customers: active users (DAU/MAU), new-user conversion, retention cohorts, ARPU. */
import { PERIOD, column, rowsOf, type ReportDefinition } from './definition.js'
import { big, count, money, perHead, percent } from './figures.js'
import { activeByPeriod, activeInRange } from './active.js'
import { PAID_STATUSES, noPaid, paidByPeriod } from './money_sources.js'
import { addDays, byPeriod, periodsOf, periodStart, zoned } from './periods.js'
import { usageSource } from './usage_source.js'

export const activeUsers: ReportDefinition = {
  id: 'active_users',
  columns: [
    PERIOD,
    column('active', 'count', 'Active customers', '活跃用户数'),
    column('stickiness', 'percent', 'Average daily actives ÷ actives', '日均活跃 ÷ 活跃用户'),
  ],
  chart: { type: 'line', x: 'period', series: ['active'] },
  async compute(p, client) {
    const periods = periodsOf(p)
    const active = await activeByPeriod(client, p)
    const daily = await activeByPeriod(client, p, 'day')
    const dailySum = (from: string, until: string) => daily.filter((d) => d.period >= from && d.period < until).reduce((t, d) => t + d.active, 0n)
    // average daily actives ÷ actives = (sum of daily actives) ÷ (days × actives)
    const stickiness = (from: string, until: string, days: number, actives: bigint) => percent(dailySum(from, until), BigInt(days) * actives)
    const rows = periods.map((period, i) => ({ period: period.period, active: count(active[i].active), stickiness: stickiness(period.from, period.until, period.days, active[i].active) }))
    const all = await activeInRange(client, p)
    const days = periods.reduce((t, x) => t + x.days, 0)
    return { rows, totals: { period: null, active: count(all), stickiness: stickiness(p.from, addDays(p.to, 1), days, all) } }
  },
}

export const newUserConversion: ReportDefinition = {
  id: 'new_user_conversion',
  columns: [
    PERIOD,
    column('registered', 'count', 'Registered', '注册用户数'),
    column('paid_7d', 'count', 'Paid within 7 days', '7 天内付款'),
    column('rate_7d', 'percent', 'Conversion within 7 days', '7 天转化率'),
    column('paid_ever', 'count', 'Paid by now', '至今已付款'),
    column('rate_ever', 'percent', 'Conversion by now', '累计转化率'),
  ],
  chart: { type: 'line', x: 'period', series: ['rate_7d', 'rate_ever'] },
  async compute(p, client) {
    const z = zoned(p)
    const found = await rowsOf(
      client,
      `SELECT ${z.period('c.created_at')} AS period, count(*) AS registered,
              count(*) FILTER (WHERE f.first_paid < c.created_at + interval '7 days') AS paid_7d, count(f.first_paid) AS paid_ever
       FROM customers c
       LEFT JOIN LATERAL (SELECT min(o.paid_at) AS first_paid FROM orders o WHERE o.customer_id = c.id AND o.status IN ${PAID_STATUSES}) f ON true
       WHERE ${z.within('c.created_at')} GROUP BY 1`
    )
    const rows = byPeriod(periodsOf(p), found.map((r) => ({ period: r.period as string, registered: big(r.registered), paid_7d: big(r.paid_7d), paid_ever: big(r.paid_ever) })), () => ({ registered: 0n, paid_7d: 0n, paid_ever: 0n }))
    const shape = (r: { registered: bigint; paid_7d: bigint; paid_ever: bigint }) => ({
      registered: count(r.registered),
      paid_7d: count(r.paid_7d),
      rate_7d: percent(r.paid_7d, r.registered),
      paid_ever: count(r.paid_ever),
      rate_ever: percent(r.paid_ever, r.registered),
    })
    const all = rows.reduce((t, r) => ({ registered: t.registered + r.registered, paid_7d: t.paid_7d + r.paid_7d, paid_ever: t.paid_ever + r.paid_ever }), { registered: 0n, paid_7d: 0n, paid_ever: 0n })
    return { rows: rows.map((r) => ({ period: r.period, ...shape(r) })), totals: { period: null, ...shape(all) } }
  },
}

export const retentionCohorts: ReportDefinition = {
  id: 'retention_cohorts',
  columns: [
    column('period', 'period', 'Registration week', '注册周'),
    column('registered', 'count', 'Registered', '注册用户数'),
    column('week1', 'count', 'Active in week 1', '第 1 周活跃'),
    column('week1_rate', 'percent', 'Week 1 retention', '第 1 周留存率'),
    column('week4', 'count', 'Active in week 4', '第 4 周活跃'),
    column('week4_rate', 'percent', 'Week 4 retention', '第 4 周留存率'),
  ],
  chart: { type: 'line', x: 'period', series: ['week1_rate', 'week4_rate'] },
  async compute(p, client) {
    const z = zoned(p)
    const src = usageSource(p)
    // activity is read from the first cohort's week 1 to the last cohort's week 4
    const firstWeek = periodStart(p.from, 'week')
    const lastWeek = periodStart(p.to, 'week')
    const found = await rowsOf(
      client,
      `WITH cohort AS (
         SELECT id, date_trunc('week', created_at AT TIME ZONE ${z.zone})::date AS week FROM customers WHERE ${z.within('created_at')}
       ), activity AS (
         SELECT DISTINCT customer_id, ${src.period('week')}::date AS week FROM ${src.table}
         WHERE ${src.between(addDays(firstWeek, 7), addDays(lastWeek, 35))} AND customer_id IN (SELECT id FROM cohort)
       )
       SELECT to_char(c.week, 'YYYY-MM-DD') AS period, count(*) AS registered,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM activity a WHERE a.customer_id = c.id AND a.week = c.week + 7)) AS week1,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM activity a WHERE a.customer_id = c.id AND a.week = c.week + 28)) AS week4
       FROM cohort c GROUP BY c.week`
    )
    const weekly = { ...p, granularity: 'week' as const }
    const rows = byPeriod(periodsOf(weekly), found.map((r) => ({ period: r.period as string, registered: big(r.registered), week1: big(r.week1), week4: big(r.week4) })), () => ({ registered: 0n, week1: 0n, week4: 0n }))
    const shape = (r: { registered: bigint; week1: bigint; week4: bigint }) => ({
      registered: count(r.registered),
      week1: count(r.week1),
      week1_rate: percent(r.week1, r.registered),
      week4: count(r.week4),
      week4_rate: percent(r.week4, r.registered),
    })
    const all = rows.reduce((t, r) => ({ registered: t.registered + r.registered, week1: t.week1 + r.week1, week4: t.week4 + r.week4 }), { registered: 0n, week1: 0n, week4: 0n })
    return { granularity: 'week', rows: rows.map((r) => ({ period: r.period, ...shape(r) })), totals: { period: null, ...shape(all) } }
  },
}

export const arpu: ReportDefinition = {
  id: 'arpu',
  columns: [
    PERIOD,
    column('revenue', 'money', 'Revenue paid', '已付收入'),
    column('active', 'count', 'Active customers', '活跃用户数'),
    column('paying', 'count', 'Paying customers', '付款用户数'),
    column('arpu', 'money', 'ARPU', 'ARPU'),
    column('arppu', 'money', 'ARPPU', 'ARPPU'),
  ],
  chart: { type: 'line', x: 'period', series: ['arpu', 'arppu'] },
  async compute(p, client) {
    const periods = periodsOf(p)
    const paid = byPeriod(periods, await paidByPeriod(client, p), noPaid)
    const active = await activeByPeriod(client, p)
    const shape = (revenue: bigint, actives: bigint, paying: bigint) => ({
      revenue: money(revenue),
      active: count(actives),
      paying: count(paying),
      arpu: perHead(revenue, actives),
      arppu: perHead(revenue, paying),
    })
    const [all = { ...noPaid(), period: '' }] = await paidByPeriod(client, p, null)
    return {
      rows: paid.map((r, i) => ({ period: r.period, ...shape(r.amount, active[i].active, r.customers) })),
      totals: { period: null, ...shape(all.amount, await activeInRange(client, p), all.customers) },
    }
  },
}
