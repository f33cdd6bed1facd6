/**
 * Routes called by machines rather than browsers: the platform's services (service token)
 * and payment webhooks (signature). They carry no cookies, so they get no session, no CSRF
 * check and no cookies in the answer.
 */
import type { HttpContext } from '@adonisjs/core/http'

const MACHINE_PREFIXES = ['/api/internal/', '/api/webhooks/']

export function isMachineRequest(ctx: HttpContext) {
  const url = ctx.request.url()
  return MACHINE_PREFIXES.some((prefix) => url.startsWith(prefix))
}
