/**
 * Boots the application for a benchmark: the same Ignitor as the app (env, database
 * lifecycle), a console-environment app on its own embedded cluster (.data/pg-bench unless
 * DATABASE_URL is set), migrated. Returns the app and Lucid's db service.
 */
import { ignite } from '../bin/ignite.js'

export async function bootForBench() {
  process.env.EMBEDDED_PG_DIR ??= 'pg-bench'
  process.env.NODE_ENV = 'development'
  const app = ignite().createApp('console')
  await app.init()
  await app.boot()
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { MigrationRunner } = await import('@adonisjs/lucid/migration')
  const migrator = new MigrationRunner(db, app, { direction: 'up' })
  await migrator.run()
  if (migrator.error) throw migrator.error
  return { app, db }
}
