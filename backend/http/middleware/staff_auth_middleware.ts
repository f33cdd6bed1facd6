import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import permissions from '#services/permissions'
import { authenticateSession } from './session_auth.js'

/** Console routes: a live staff session, with the staff member's role (from the role cache). */
export default class StaffAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { user } = await authenticateSession(ctx, 'staff')
    const role = await permissions.role(user.roleId)
    if (role) user.$setRelated('role', role)
    return next()
  }
}
