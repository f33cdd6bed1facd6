import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'

/**
 * Server-side sessions in PostgreSQL: the cookie holds only the session id, logout
 * destroys the row, and the id is regenerated on login by the auth guard.
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'creditdesk-session',
  clearWithBrowser: false,
  age: '12h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER'),
  stores: {
    database: stores.database({ tableName: 'sessions' }),
    cookie: stores.cookie(),
  },
})

export default sessionConfig
