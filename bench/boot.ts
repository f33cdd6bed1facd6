/**
 * Boots the application for a benchmark: the same Ignitor as the app (env, database
 * lifecycle), a console-environment app on its own embedded cluster (.data/pg-bench unless
 * DATABASE_URL is set), migrated. Returns the app and Lucid's db service.
 *
 * The embedded cluster is durable like `npm start`'s unless EMBEDDED_PG_NON_DURABLE=1;
 * `describeDatabase()` reads what the measured server really runs with, for the printout.
 */
import { ignite } from '../bin/ignite.js'

export async function bootForBench() {
  process.env.EMBEDDED_PG_DIR ??= 'pg-bench'
  process.env.NODE_ENV = 'development'
  const app = ignite().createApp('console')
  await app.init()
  await app.boot()
  const { default: db } = await import('@adonisjs/lucid/services/db')
  // migrations as the owner role, then the app role's grants (backend/services/database_setup.ts)
  const { migrateAsOwner, grantRoles } = await import('../backend/services/database_setup.js')
  await migrateAsOwner(app)
  await grantRoles()
  // ANALYZE needs the tables' owner where the roles are split
  const owner = db.manager.has('owner') ? db.connection('owner') : db.connection()
  return { app, db, owner }
}

/**
 * Which database was measured and how durable it is, as the server itself reports it
 * (a cluster already running keeps the settings it was started with, whatever this process wants).
 */
export async function describeDatabase(db: { rawQuery(sql: string): Promise<{ rows: Array<Record<string, string>> }> }) {
  const show = async (name: string) => (await db.rawQuery(`SHOW ${name}`)).rows[0][name]
  let where = `embedded (.data/${process.env.EMBEDDED_PG_DIR})`
  if (process.env.DATABASE_URL_FROM_USER) {
    const url = new URL(process.env.DATABASE_URL!)
    where = `DATABASE_URL ${url.hostname}:${url.port || 5432}${url.pathname}`
  }
  const durability = [`fsync ${await show('fsync')}`, `synchronous_commit ${await show('synchronous_commit')}`, `full_page_writes ${await show('full_page_writes')}`]
  return `PostgreSQL ${await show('server_version')}, ${where}, ${durability.join(', ')}`
}

type Raw = { rawQuery(sql: string, bindings?: any[]): Promise<{ rows: Array<Record<string, any>> }> }

/**
 * Tops the customers table up to `target` synthetic rows (emails `<prefix><n>@bench.test`), in
 * batches of 500,000, with the spread of tiers, types, phones, tags and dates the console's
 * filters see in production. Returns how many rows it inserted.
 */
export async function fillCustomers(client: Raw, target: number, prefix: string) {
  const existing = Number((await client.rawQuery('SELECT count(*) AS n FROM customers')).rows[0].n)
  for (let from = existing; from < target; from += 500_000) {
    const to = Math.min(target, from + 500_000) - 1
    await client.rawQuery(
      `INSERT INTO customers (email, nickname, phone, password, type, tier, verification_status, frozen, tags, created_at, last_login_at)
       SELECT ? || g || '@bench.test', ? || ' ' || g, CASE WHEN g % 3 = 0 THEN '+1 555 ' || lpad(g::text, 9, '0') END, 'x',
              CASE WHEN g % 5 = 0 THEN 'organization' ELSE 'individual' END,
              (ARRAY['free','basic','pro','enterprise'])[1 + g % 4],
              (ARRAY['unverified','pending','verified','rejected'])[1 + g % 4],
              g % 50 = 0, CASE WHEN g % 7 = 0 THEN ARRAY['vip'] ELSE '{}'::text[] END,
              now() - (g % 31536000) * interval '1 second', now() - (g % 86400) * interval '1 second'
       FROM generate_series(?::bigint, ?::bigint) g`,
      [prefix, prefix, from, to]
    )
  }
  return Math.max(0, target - existing)
}
