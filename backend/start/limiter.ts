/**
 * Request-rate limits on the unauthenticated endpoints (sign-in, registration), per IP.
 * Failed-credential lockouts are separate and stricter (backend/actions/auth/sign_in.ts).
 * The test suites sign in hundreds of times a minute from one address, so bin/test.ts raises
 * this limit (AUTH_REQUESTS_PER_MINUTE); the lockout rules keep their production values.
 */
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'

export const throttle = limiter.define('auth', (ctx) => {
  return limiter
    .allowRequests(env.get('AUTH_REQUESTS_PER_MINUTE') ?? 60)
    .every('1 minute')
    .usingKey(`ip:${ctx.request.ip()}`)
})
