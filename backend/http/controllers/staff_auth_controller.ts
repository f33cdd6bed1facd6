import type { HttpContext } from '@adonisjs/core/http'
import type Staff from '#models/staff'
import { signInWithSession, signOutOfSession } from '../sign_in_session.js'
import { signInValidator } from '#validators/auth'
import { presentStaff } from '../presenters.js'
import { assertOnlyKeys } from '#validators/strict'

/** Console sign-in, sign-out and "who am I". */
export default class StaffAuthController {
  async login(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['email', 'password'])
    const { email, password } = await ctx.request.validateUsing(signInValidator)
    const staff = (await signInWithSession(ctx, 'staff', email, password)) as Staff
    return { user: presentStaff(staff) }
  }

  async logout(ctx: HttpContext) {
    await signOutOfSession(ctx, 'staff')
    return ctx.response.noContent()
  }

  async me({ auth }: HttpContext) {
    return { user: presentStaff(auth.use('staff').user as any) }
  }
}
