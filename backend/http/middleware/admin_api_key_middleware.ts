import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { timingSafeEqual, createHash } from 'node:crypto'
import { DomainError, Unauthenticated } from '#exceptions/domain_errors'
import { reconciliationSettings } from '#services/reconciliation/settings'
import { auditRefusal } from './audited_refusal.js'

class AdminApiDisabled extends DomainError {
  status = 503
  code = 'E_ADMIN_API_DISABLED'
}

/**
 * The reconciliation admin API (the seeds' fix-credits) authenticates by `X-Admin-Api-Key` =
 * ADMIN_API_KEY, compared in constant time (both sides hashed to one length first). No cookies,
 * no staff session. Without ADMIN_API_KEY the route answers 503; a wrong key is a 401 and an
 * `access.denied` audit row (capped per IP, see audited_refusal.ts).
 */
export default class AdminApiKeyMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const expected = reconciliationSettings.adminApiKey
    if (!expected) throw new AdminApiDisabled('The admin API is not enabled on this server (ADMIN_API_KEY is not set)')
    const given = ctx.request.header('x-admin-api-key') ?? ''
    const digest = (value: string) => createHash('sha256').update(value).digest()
    if (!given || !timingSafeEqual(digest(given), digest(expected))) {
      await auditRefusal(
        ctx,
        'admin_api_key',
        { action: 'access.denied', resource: 'reconciliation-findings', metadata: { route: ctx.request.url(), why: given ? 'wrong admin API key' : 'no admin API key' } },
        { type: 'system', id: null, label: 'admin-api', role: null }
      )
      throw new Unauthenticated('A valid X-Admin-Api-Key header is required')
    }
    return next()
  }
}
