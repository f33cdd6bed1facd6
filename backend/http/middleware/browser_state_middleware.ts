/**
 * Session, CSRF and security headers, in that order, for every matched route.
 *
 * Browser routes get the session (stored server-side only once it holds something, see
 * visitor_session_store.ts) and the shield: CSRF check, CSP and the other security headers.
 * A request refused for a missing or wrong CSRF token is audited (capped per IP, see
 * audited_refusal.ts). Machine routes (machine_routes.ts) and the JSON 404 of unknown API paths
 * get the security headers only: no session is read or written and no cookie is set.
 */
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import { isMachineRequest } from './machine_routes.js'
import { auditRefusal } from './audited_refusal.js'

/** Headers @adonisjs/shield does not set itself. */
const EXTRA_HEADERS: Record<string, string> = {
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
}

/**
 * The shield without its CSRF guard: the same headers on every response (CSP, X-Frame-Options,
 * HSTS, nosniff), since our CSP carries no per-request nonce. Building them costs a random nonce
 * and the CSP string each time, so they are taken from the shield on the first response and
 * copied after that. A CSP that does carry a nonce is never copied.
 */
class ShieldHeaders {
  #copied: Array<[string, string]> | null = null
  constructor(private shield: ShieldMiddleware) {}

  async handle(ctx: HttpContext, next: NextFn) {
    if (this.#copied) {
      for (const [name, value] of this.#copied) ctx.response.header(name, value)
      return next()
    }
    const before = ctx.response.getHeaders()
    await this.shield.handle(ctx, async () => {})
    const set = Object.entries(ctx.response.getHeaders())
      .filter(([name, value]) => value !== undefined && value !== before[name])
      .map(([name, value]) => [name, String(value)] as [string, string])
    if (!set.some(([, value]) => value.includes('nonce-'))) this.#copied = set
    return next()
  }
}

let resolved: Promise<{ session: SessionMiddleware<any>; shield: ShieldMiddleware; headersOnly: ShieldHeaders }> | undefined

/** Built once: the shield compiles its CSP on construction. */
function middlewares() {
  resolved ??= (async () => {
    const encryption = (await app.container.make('encryption')).use()
    const config = app.config.get<any>('shield', {})
    return {
      session: await app.container.make(SessionMiddleware),
      shield: new ShieldMiddleware(config, encryption),
      headersOnly: new ShieldHeaders(new ShieldMiddleware({ ...config, csrf: { enabled: false } }, encryption)),
    }
  })()
  return resolved
}

/**
 * The JSON 404 of an unknown API path (the `/api/*` catch-all of routes.ts) needs no session
 * either: nothing there reads one, and a browser gets its CSRF cookie from any real route.
 */
function isUnknownApiPath(ctx: HttpContext) {
  return ctx.route?.pattern === '/api/*'
}

/**
 * A read from a browser that already holds the XSRF cookie of its session needs no new one. The
 * shield mints and encrypts a fresh token on every request it guards, the costliest step of a
 * signed-in read; but a session's CSRF secret never changes while the session lives, so the
 * cookie issued for it stays valid. A session without a secret yet (a new one) and every mutation
 * still go through the full guard, which checks the token and issues the cookie.
 */
const UNCHECKED_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
function holdsCsrfCookie(ctx: HttpContext) {
  return UNCHECKED_METHODS.has(ctx.request.method()) && ctx.session.has('csrf-secret') && ctx.request.cookiesList()['XSRF-TOKEN'] !== undefined
}

export default class BrowserStateMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    for (const [name, value] of Object.entries(EXTRA_HEADERS)) ctx.response.header(name, value)
    const { session, shield, headersOnly } = await middlewares()
    if (isMachineRequest(ctx) || isUnknownApiPath(ctx)) return headersOnly.handle(ctx, next)
    return session.handle(ctx, async () => {
      if (holdsCsrfCookie(ctx)) return headersOnly.handle(ctx, next)
      try {
        return await shield.handle(ctx, next)
      } catch (error: any) {
        if (error?.code === 'E_BAD_CSRF_TOKEN') {
          // the CSRF guard runs first and threw before the header guards ran
          await headersOnly.handle(ctx, async () => {})
          const sent = Boolean(ctx.request.header('x-xsrf-token') || ctx.request.header('x-csrf-token'))
          await auditRefusal(ctx, 'csrf', {
            action: 'access.denied',
            resource: 'csrf',
            metadata: { why: sent ? 'wrong or expired CSRF token' : 'no CSRF token' },
          })
        }
        throw error
      }
    })
  }
}
