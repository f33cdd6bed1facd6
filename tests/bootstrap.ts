import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'

export const plugins: Config['plugins'] = [assert(), apiClient(), pluginAdonisJS(app), sessionApiClient(app), shieldApiClient(), authApiClient(app)]

/**
 * The test database is migrated once per run as the owner role (and rolled back at the end);
 * the app role then gets its grants, and every test runs as the app role (as the server does)
 * inside a transaction that is rolled back, so tests never see each other's rows.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    () => testUtils.db('owner').migrate(),
    async () => {
      const { grantRoles } = await import('#services/database_setup')
      await grantRoles()
    },
    async () => {
      const { default: db } = await import('@adonisjs/lucid/services/db')
      const { ensureDefaultRoles } = await import('#database/seeders/default_roles')
      await ensureDefaultRoles(db.connection())
    },
    async () => {
      // The app's shared limiter for the sign-in request budget keeps the database client it is
      // first built with. Built inside a test's global transaction it would keep that
      // transaction's connection after it ends (and fail once the pool closes it): build it
      // here, on the pool. Use cases and the refusal cap count through the caller's connection.
      const { default: limiter } = await import('@adonisjs/limiter/services/main')
      const { default: env } = await import('#start/env')
      limiter.use({ requests: env.get('AUTH_REQUESTS_PER_MINUTE') ?? 60, duration: '1 minute' })
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (suite.name === 'browser') {
    // Demo data, committed once for the suite (no global transaction: the browser's requests
    // are concurrent). See tests/browser/support/seed.ts.
    suite.setup(async () => {
      const { seedBrowserData } = await import('#tests/browser/support/seed')
      await seedBrowserData()
    })
  }
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
