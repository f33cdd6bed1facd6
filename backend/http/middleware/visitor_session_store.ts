/**
 * A session store that writes a database row only once the session holds something.
 *
 * Every browser request passes through the session (the CSRF guard keeps its secret there),
 * so with a plain database store each anonymous visit, 404s included, wrote a `sessions` row:
 * a table anyone could grow and a write on every page view. Here a session that holds nothing
 * but the CSRF secret is kept in an encrypted, signed cookie bound to the session id; the
 * database row appears when the session gains real state (sign-in) and disappears again when
 * it falls back to the CSRF secret alone (sign-out).
 */
import type { HttpContext } from '@adonisjs/core/http'
import type { CookieOptions } from '@adonisjs/core/types/http'
import { configProvider } from '@adonisjs/core'
import type { ConfigProvider } from '@adonisjs/core/types'
import type { SessionData, SessionStoreContract, SessionStoreFactory } from '@adonisjs/session/types'

export const VISITOR_COOKIE = 'creditdesk-visitor'

/** Keys a visitor's session may hold without being stored server-side. */
const VISITOR_KEYS = new Set(['csrf-secret'])

function visitorOnly(values: SessionData) {
  return Object.keys(values).every((key) => VISITOR_KEYS.has(key))
}

export class VisitorSessionStore implements SessionStoreContract {
  /** the session id known to have a server-side row in this request, if any */
  #storedId: string | null = null

  constructor(
    private server: SessionStoreContract,
    private ctx: HttpContext,
    private config: { cookieName: string; cookie: Partial<CookieOptions> }
  ) {}

  #visitor(sessionId: string): SessionData | null {
    const value = this.ctx.request.encryptedCookie(VISITOR_COOKIE)
    if (!value || typeof value !== 'object' || value.id !== sessionId || typeof value.data !== 'object') return null
    return value.data
  }

  #clearVisitor() {
    if (this.ctx.request.cookiesList()[VISITOR_COOKIE] !== undefined) this.ctx.response.clearCookie(VISITOR_COOKIE)
  }

  async read(sessionId: string) {
    const visitor = this.#visitor(sessionId)
    if (visitor) return visitor
    // an id the browser did not send is brand new: nothing to look up
    if (this.ctx.request.cookie(this.config.cookieName) !== sessionId) return null
    const data = await this.server.read(sessionId)
    if (data !== null) this.#storedId = sessionId
    return data
  }

  async write(sessionId: string, values: SessionData) {
    if (visitorOnly(values)) {
      if (this.#storedId === sessionId) await this.server.destroy(sessionId)
      this.#storedId = null
      this.ctx.response.encryptedCookie(VISITOR_COOKIE, { id: sessionId, data: values }, this.config.cookie)
      return
    }
    await this.server.write(sessionId, values)
    this.#storedId = sessionId
    this.#clearVisitor()
  }

  async destroy(sessionId: string) {
    if (this.#visitor(sessionId)) this.#clearVisitor()
    // an id never read from the server store (a visitor's) has no row to delete
    else await this.server.destroy(sessionId)
  }

  async touch(sessionId: string) {
    const visitor = this.#visitor(sessionId)
    if (visitor) this.ctx.response.encryptedCookie(VISITOR_COOKIE, { id: sessionId, data: visitor }, this.config.cookie)
    else await this.server.touch(sessionId)
  }
}

/** Wraps a configured server-side store (e.g. `stores.database()`) for config/session.ts. */
export function storedOnceUsed(server: ConfigProvider<SessionStoreFactory>): ConfigProvider<SessionStoreFactory> {
  return configProvider.create(async (app) => {
    const serverFactory = await server.resolver(app)
    return (ctx, config) => new VisitorSessionStore(serverFactory(ctx, config), ctx, config)
  })
}
