import type { HttpContext } from '@adonisjs/core/http'
import { signIn, signOut } from '#actions/auth/sign_in'
import { signInValidator } from '#validators/auth'
import { presentStaff } from '../presenters.js'
import { assertOnlyKeys } from '#validators/strict'

/** Console sign-in, sign-out and "who am I". */
export default class StaffAuthController {
  async login(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['email', 'password'])
    const { email, password } = await ctx.request.validateUsing(signInValidator)
    const staff = await signIn(ctx, 'staff', email, password)
    return { user: presentStaff(staff) }
  }

  async logout(ctx: HttpContext) {
    await signOut(ctx, 'staff')
    return ctx.response.noContent()
  }

  async me({ auth }: HttpContext) {
    return { user: presentStaff(auth.use('staff').user as any) }
  }
}
