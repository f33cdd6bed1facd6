import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { authenticateSession } from './session_auth.js'

/** Portal routes: a live customer session. */
export default class CustomerAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await authenticateSession(ctx, 'customer')
    return next()
  }
}
