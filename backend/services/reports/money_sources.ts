/**
 * The money the reports count, by period: revenue paid (orders in a paid status, at the time they
 * were paid, valued at what they credited in ledger units) and refunds paid out (our refunds when
 * they succeeded, at the ledger amount they took; the provider's own refunds when they succeeded,
 * converted at the order's rate like a refund of ours is).
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ReportGranularity } from '#contract/reports'
import { PAID_FAMILY } from '#services/orders/vocabulary'
import type { ReportParams } from './params.js'
import { zoned } from './periods.js'
import { rowsOf } from './definition.js'
import { big } from './figures.js'

export const PAID_STATUSES = `(${PAID_FAMILY.map((s) => `'${s}'`).join(', ')})`

export type PaidFigures = { period: string; orders: bigint; customers: bigint; amount: bigint }
export type RefundFigures = { period: string; refunds: bigint; amount: bigint }

/** Paid orders per period; `g` null sums the whole range into one row named ''. */
export async function paidByPeriod(client: QueryClientContract, p: ReportParams, g: ReportGranularity | null = p.granularity): Promise<PaidFigures[]> {
  const z = zoned(p)
  const period = g ? z.period('paid_at', g) : "''"
  const rows = await rowsOf(
    client,
    `SELECT ${period} AS period, count(*) AS orders, count(DISTINCT customer_id) AS customers, coalesce(sum(grant_amount), 0) AS amount
     FROM orders WHERE status IN ${PAID_STATUSES} AND ${z.within('paid_at')} GROUP BY 1`
  )
  return rows.map((r) => ({ period: r.period, orders: big(r.orders), customers: big(r.customers), amount: big(r.amount) }))
}

/** Refunds paid out per period; `g` null sums the whole range into one row named ''. */
export async function refundsByPeriod(client: QueryClientContract, p: ReportParams, g: ReportGranularity | null = p.granularity): Promise<RefundFigures[]> {
  const z = zoned(p)
  const period = (column: string) => (g ? z.period(column, g) : "''")
  const rows = await rowsOf(
    client,
    `SELECT period, count(*) AS refunds, coalesce(sum(units), 0) AS amount FROM (
       SELECT ${period('completed_at')} AS period, ledger_amount AS units
       FROM refunds WHERE status = 'SUCCEEDED' AND ${z.within('completed_at')}
       UNION ALL
       SELECT ${period('pr.created_at')}, pr.amount * o.grant_amount / o.amount
       FROM provider_refunds pr JOIN orders o ON o.id = pr.order_id
       WHERE pr.status = 'succeeded' AND ${z.within('pr.created_at')}
     ) r GROUP BY 1`
  )
  return rows.map((r) => ({ period: r.period, refunds: big(r.refunds), amount: big(r.amount) }))
}

export const noPaid = () => ({ orders: 0n, customers: 0n, amount: 0n })
export const noRefunds = () => ({ refunds: 0n, amount: 0n })
