import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { perform } from '#abilities/main'
import audit from '#services/audit'
import { Forbidden } from '#exceptions/domain_errors'

/**
 * The policy check every admin route carries (see backend/start/routes.ts). A refusal is
 * answered 403 and written to the audit trail.
 */
export default class AuthorizeMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { resource: string; action: string }) {
    if (await ctx.bouncer.denies(perform, options.resource, options.action)) {
      await audit.standalone(ctx, {
        action: 'access.denied',
        resource: options.resource,
        recordId: ctx.params.id ?? null,
        metadata: { permission: options.action, method: ctx.request.method(), path: ctx.request.url() },
      })
      throw new Forbidden(`Your role may not ${options.action.replace(/_/g, ' ')} ${options.resource}`)
    }
    return next()
  }
}
