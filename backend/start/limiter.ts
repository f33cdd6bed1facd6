/**
 * Request-rate limits on the unauthenticated endpoints (sign-in, registration), per IP.
 * Failed-credential lockouts are separate and stricter (backend/actions/auth/sign_in.ts).
 */
import limiter from '@adonisjs/limiter/services/main'

export const throttle = limiter.define('auth', (ctx) => {
  return limiter.allowRequests(60).every('1 minute').usingKey(`ip:${ctx.request.ip()}`)
})
