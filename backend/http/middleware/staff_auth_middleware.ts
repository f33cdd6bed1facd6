import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { authenticateSession } from './session_auth.js'

/** Console routes: a live staff session, with the staff member's role loaded. */
export default class StaffAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { user } = await authenticateSession(ctx, 'staff')
    await user.load('role')
    return next()
  }
}
