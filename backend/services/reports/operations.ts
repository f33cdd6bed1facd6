/** Operations: payment success rate, risk interception rate, generation success and processing time. */
import { VERIFY_REFUSALS } from '#contract/usage'
import type { ReportColumn } from '#contract/reports'
import { PERIOD, column, rowsOf, type ReportDefinition } from './definition.js'
import { big, count, percent } from './figures.js'
import { PAID_STATUSES } from './money_sources.js'
import { byPeriod, periodsOf, zoned } from './periods.js'

export const paymentSuccessRate: ReportDefinition = {
  id: 'payment_success_rate',
  columns: [
    PERIOD,
    column('created', 'count', 'Orders created', '创建订单数'),
    column('paid', 'count', 'Paid', '已支付'),
    column('failed', 'count', 'Failed', '失败'),
    column('cancelled', 'count', 'Cancelled or expired', '取消或超时'),
    column('pending', 'count', 'Waiting for payment', '待支付'),
    column('rate', 'percent', 'Success rate', '支付成功率'),
  ],
  chart: { type: 'line', x: 'period', series: ['rate'] },
  async compute(p, client) {
    const z = zoned(p)
    const found = await rowsOf(
      client,
      `SELECT ${z.period('created_at')} AS period, count(*) AS created,
              count(*) FILTER (WHERE status IN ${PAID_STATUSES}) AS paid, count(*) FILTER (WHERE status = 'FAILED') AS failed,
              count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled, count(*) FILTER (WHERE status = 'PENDING') AS pending
       FROM orders WHERE ${z.within('created_at')} GROUP BY 1`
    )
    const KEYS = ['created', 'paid', 'failed', 'cancelled', 'pending'] as const
    type Counts = Record<(typeof KEYS)[number], bigint>
    const none = () => Object.fromEntries(KEYS.map((k) => [k, 0n])) as Counts
    const rows = byPeriod(periodsOf(p), found.map((r) => ({ period: r.period as string, ...(Object.fromEntries(KEYS.map((k) => [k, big(r[k])])) as Counts) })), none)
    const shape = (r: Counts) => ({ ...Object.fromEntries(KEYS.map((k) => [k, count(r[k])])), rate: percent(r.paid, r.paid + r.failed + r.cancelled) })
    const all = rows.reduce((t, r) => Object.fromEntries(KEYS.map((k) => [k, t[k] + r[k]])) as Counts, none())
    return { rows: rows.map((r) => ({ period: r.period, ...shape(r) })), totals: { period: null, ...shape(all) } }
  },
}

const REFUSAL_LABELS = new Map<string, ReportColumn['label']>(VERIFY_REFUSALS.map((r) => [r.value, r.label]))

export const riskInterceptionRate: ReportDefinition = {
  id: 'risk_interception_rate',
  columns: [
    PERIOD,
    column('verifies', 'count', 'Verifications', '校验次数'),
    column('refused', 'count', 'Refused', '拒绝次数'),
    column('rate', 'percent', 'Interception rate', '拦截率'),
  ],
  chart: { type: 'line', x: 'period', series: ['rate'] },
  async compute(p, client) {
    const z = zoned(p)
    const found = await rowsOf(client, `SELECT ${z.period('bucket')} AS period, code, sum(count) AS n FROM verify_outcomes_hourly WHERE ${z.within('bucket')} GROUP BY 1, 2`)
    // one column per refusal reason that occurred, in the contract's order, unknown codes last
    const known = VERIFY_REFUSALS.map((r) => r.value as string)
    const codes = [...new Set(found.map((r) => r.code as string).filter((c) => c !== 'OK'))].sort((a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99) || a.localeCompare(b))
    const columns = [...riskInterceptionRate.columns, ...codes.map((code) => ({ key: `refused_${code}`, type: 'count' as const, label: REFUSAL_LABELS.get(code) ?? { 'en': code, 'zh-CN': code } }))]
    const cell = new Map(found.map((r) => [`${r.period}|${r.code}`, big(r.n)]))
    const shape = (of: (code: string) => bigint) => {
      const ok = of('OK')
      const refused = codes.reduce((t, c) => t + of(c), 0n)
      return { verifies: count(ok + refused), refused: count(refused), rate: percent(refused, ok + refused), ...Object.fromEntries(codes.map((c) => [`refused_${c}`, count(of(c))])) }
    }
    const periods = periodsOf(p)
    const rows = periods.map(({ period }) => ({ period, ...shape((code) => cell.get(`${period}|${code}`) ?? 0n) }))
    const totals = { period: null, ...shape((code) => periods.reduce((t, { period }) => t + (cell.get(`${period}|${code}`) ?? 0n), 0n)) }
    return { columns, rows, totals }
  },
}

export const generationSuccess: ReportDefinition = {
  id: 'generation_success',
  columns: [
    PERIOD,
    column('started', 'count', 'Jobs started', '任务数'),
    column('completed', 'count', 'Completed', '成功'),
    column('failed', 'count', 'Failed', '失败'),
    column('processing', 'count', 'Still processing', '处理中'),
    column('success_rate', 'percent', 'Success rate', '成功率'),
    column('avg_ms', 'duration_ms', 'Average processing time', '平均处理时长'),
  ],
  chart: { type: 'line', x: 'period', series: ['success_rate'] },
  async compute(p, client) {
    const z = zoned(p)
    const found = await rowsOf(
      client,
      `SELECT ${z.period('created_at')} AS period, count(*) AS started, count(*) FILTER (WHERE status = 'completed') AS completed,
              count(*) FILTER (WHERE status = 'failed') AS failed, count(*) FILTER (WHERE status = 'processing') AS processing,
              coalesce(round(sum(extract(epoch FROM completed_at - created_at) * 1000) FILTER (WHERE status = 'completed' AND completed_at IS NOT NULL)), 0) AS ms,
              count(*) FILTER (WHERE status = 'completed' AND completed_at IS NOT NULL) AS timed
       FROM generations WHERE ${z.within('created_at')} GROUP BY 1`
    )
    const KEYS = ['started', 'completed', 'failed', 'processing', 'ms', 'timed'] as const
    type Counts = Record<(typeof KEYS)[number], bigint>
    const none = () => Object.fromEntries(KEYS.map((k) => [k, 0n])) as Counts
    const rows = byPeriod(periodsOf(p), found.map((r) => ({ period: r.period as string, ...(Object.fromEntries(KEYS.map((k) => [k, big(r[k])])) as Counts) })), none)
    const shape = (r: Counts) => ({
      started: count(r.started),
      completed: count(r.completed),
      failed: count(r.failed),
      processing: count(r.processing),
      success_rate: percent(r.completed, r.completed + r.failed),
      avg_ms: r.timed === 0n ? null : count((r.ms * 2n + r.timed) / (r.timed * 2n)),
    })
    const all = rows.reduce((t, r) => Object.fromEntries(KEYS.map((k) => [k, t[k] + r[k]])) as Counts, none())
    return { rows: rows.map((r) => ({ period: r.period, ...shape(r) })), totals: { period: null, ...shape(all) } }
  },
}
