import db from '@adonisjs/lucid/services/db'
import creditdesk from '#config/creditdesk'
import { fromUnits } from '#services/ledger/amounts'

/** Today's figures for the console home, computed from the data (UTC days). */
export default class DashboardController {
  async summary() {
    const one = async (sql: string) => Number((await db.rawQuery(sql)).rows[0].n)
    const [staffLoginsToday, today, week, month, year] = await Promise.all([
      one(`SELECT count(*) AS n FROM audit_logs WHERE action = 'login' AND actor_type = 'staff' AND occurred_at >= date_trunc('day', now())`),
      one(`SELECT count(*) AS n FROM customers WHERE created_at >= date_trunc('day', now())`),
      one(`SELECT count(*) AS n FROM customers WHERE created_at >= date_trunc('week', now())`),
      one(`SELECT count(*) AS n FROM customers WHERE created_at >= date_trunc('month', now())`),
      one(`SELECT count(*) AS n FROM customers WHERE created_at >= date_trunc('year', now())`),
    ])
    const trend = await db.rawQuery(`
      SELECT to_char(d, 'YYYY-MM-DD') AS date, count(c.id)::int AS count
      FROM generate_series(date_trunc('day', now()) - interval '29 days', date_trunc('day', now()), interval '1 day') d
      LEFT JOIN customers c ON c.created_at >= d AND c.created_at < d + interval '1 day'
      GROUP BY d ORDER BY d`)
    const money = await db.rawQuery(`
      SELECT type, count(*)::int AS count, coalesce(sum(amount), 0)::text AS amount
      FROM ledger_transactions
      WHERE created_at >= date_trunc('day', now()) AND type IN ('redeem', 'voucher_grant', 'usage_charge', 'recharge')
      GROUP BY type`)
    const of = (type: string) => {
      const row = money.rows.find((r: any) => r.type === type)
      return { count: row?.count ?? 0, amount: fromUnits(row?.amount ?? '0') }
    }
    const ops = await db.rawQuery(`
      SELECT
        (SELECT count(*)::int FROM refunds WHERE status = 'SUCCEEDED' AND completed_at >= date_trunc('day', now())) AS refunds_today,
        (SELECT coalesce(sum(ledger_amount), 0)::text FROM refunds WHERE status = 'SUCCEEDED' AND completed_at >= date_trunc('day', now())) AS refunded_today,
        (SELECT count(*)::int FROM refunds WHERE status = 'REQUESTED') AS refunds_waiting,
        (SELECT count(*)::int FROM orders WHERE status IN ('PAID', 'REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED') AND paid_transaction_id IS NULL) AS orphans`)
    const o = ops.rows[0]
    return {
      staffLoginsToday,
      payments: {
        refundsToday: { count: o.refunds_today, amount: fromUnits(o.refunded_today) },
        refundsWaitingForReview: o.refunds_waiting,
        paidOrdersWithoutRecharge: o.orphans,
      },
      newCustomers: { today, week, month, year },
      trend: trend.rows,
      moneyToday: {
        currency: creditdesk.asset,
        codesRedeemed: of('redeem'),
        vouchersGranted: of('voucher_grant'),
        usageCharged: of('usage_charge'),
        recharged: of('recharge'),
      },
    }
  }
}
