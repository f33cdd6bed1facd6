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
