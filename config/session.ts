import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { storedOnceUsed } from '#middleware/visitor_session_store'
import { sessionRows } from '#middleware/session_row_store'

/**
 * Server-side sessions in PostgreSQL: the cookie holds only the session id, logout
 * destroys the row, and the id is regenerated on login by the auth guard. A visitor who has
 * not signed in gets no row: the only thing their session holds, the CSRF secret, travels in
 * an encrypted cookie until the session holds more (backend/http/middleware/visitor_session_store.ts).
 * A signed-in request that changes nothing writes nothing: the row's expiry moves forward at most
 * every few minutes (backend/http/middleware/session_row_store.ts).
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
    database: storedOnceUsed(sessionRows({ tableName: 'sessions' })),
    cookie: stores.cookie(),
  },
})

export default sessionConfig
