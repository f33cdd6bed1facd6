import db from '@adonisjs/lucid/services/db'

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
    return { staffLoginsToday, newCustomers: { today, week, month, year }, trend: trend.rows }
  }
}
