import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { SimpleMessagesProvider } from '@vinejs/vine'
import type Customer from '#models/customer'
import { changePasswordValidator, passwordMessages, profileValidator } from '#validators/auth'
import updateProfile from '#actions/account/update_profile'
import changePassword from '#actions/account/change_password'
import revokeOtherSessions from '#actions/account/revoke_other_sessions'
import { runUseCase } from '#http/use_cases'
import { SESSION_KEY } from '#middleware/session_auth'
import { presentCustomer } from '../presenters.js'
import { assertOnlyKeys } from '#validators/strict'

/** The signed-in customer's own profile, password and sessions. */
export default class PortalAccountController {
  async updateProfile(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user as Customer
    assertOnlyKeys(ctx.request.body(), ['nickname', 'phone'])
    const input = await ctx.request.validateUsing(profileValidator)
    const updated = await runUseCase(ctx, updateProfile, { customerId: customer.id, nickname: input.nickname, phone: input.phone })
    return { user: presentCustomer(updated) }
  }

  async changePassword(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user as Customer
    assertOnlyKeys(ctx.request.body(), ['current_password', 'password'])
    const input = await ctx.request.validateUsing(changePasswordValidator, { messagesProvider: new SimpleMessagesProvider(passwordMessages) })
    await runUseCase(ctx, changePassword, {
      customerId: customer.id,
      currentPassword: input.current_password,
      password: input.password,
      keepSessionRowId: ctx.session.get(SESSION_KEY.customer) ?? null,
    })
    return ctx.response.noContent()
  }

  async sessions(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user as Customer
    const current = ctx.session.get(SESSION_KEY.customer)
    const rows = await db
      .from('auth_sessions')
      .where({ subject_type: 'customer', subject_id: customer.id })
      .whereNull('revoked_at')
      .orderBy('last_seen_at', 'desc')
      .limit(100)
    return rows.map((r) => ({
      id: r.id,
      ip: r.ip,
      user_agent: r.user_agent,
      created_at: new Date(r.created_at).toISOString(),
      last_seen_at: new Date(r.last_seen_at).toISOString(),
      current: r.id === current,
    }))
  }

  async revokeOthers(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user as Customer
    return runUseCase(ctx, revokeOtherSessions, { customerId: customer.id, keepSessionRowId: ctx.session.get(SESSION_KEY.customer) ?? null })
  }
}
