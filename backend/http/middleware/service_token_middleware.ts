import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { timingSafeEqual, createHash } from 'node:crypto'
import env from '#start/env'
import { Unauthenticated } from '#exceptions/domain_errors'
import { auditRefusal } from './audited_refusal.js'

/**
 * The platform's own services call /api/internal/* with `Authorization: Bearer <INTERNAL_SERVICE_TOKEN>`.
 * A missing or wrong token is a 401 and an `access.denied` audit row (capped per IP).
 */
export default class ServiceTokenMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const header = ctx.request.header('authorization') ?? ''
    const given = header.startsWith('Bearer ') ? header.slice(7) : ''
    const digest = (value: string) => createHash('sha256').update(value).digest()
    if (!given || !timingSafeEqual(digest(given), digest(env.get('INTERNAL_SERVICE_TOKEN')))) {
      await auditRefusal(
        ctx,
        'service_token',
        { action: 'access.denied', resource: 'internal-api', metadata: { why: given ? 'wrong service token' : 'no service token' } },
        { type: 'system', id: null, label: 'service-token', role: null }
      )
      throw new Unauthenticated('A valid service token is required')
    }
    return next()
  }
}
