import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { transaction } from '#services/transaction'
import hash from '@adonisjs/core/services/hash'
import { SimpleMessagesProvider } from '@vinejs/vine'
import type Customer from '#models/customer'
import audit, { diff } from '#services/audit'
import { InvalidInput } from '#exceptions/domain_errors'
import { changePasswordValidator, passwordMessages, profileValidator } from '#validators/auth'
import { revokeSessions } from '#services/auth/sessions'
import { SESSION_KEY } from '#middleware/session_auth'
import { presentCustomer } from '../presenters.js'
import { assertOnlyKeys } from '#validators/strict'

/** The signed-in customer's own profile, password and sessions. */
export default class PortalAccountController {
  async updateProfile(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user as Customer
    assertOnlyKeys(ctx.request.body(), ['nickname', 'phone'])
    const input = await ctx.request.validateUsing(profileValidator)
    await transaction(async (trx) => {
      const before = { nickname: customer.nickname, phone: customer.phone }
      customer.useTransaction(trx)
      if (input.nickname !== undefined) customer.nickname = input.nickname
      if (input.phone !== undefined) customer.phone = input.phone
      await customer.save()
      const changes = diff(before, { nickname: customer.nickname, phone: customer.phone })
      if (Object.keys(changes.before ?? {}).length) {
        await audit.fromRequest(trx, ctx, { action: 'profile.update', resource: 'users', recordId: customer.id, ...changes })
      }
    }).catch((error) => {
      if (error?.code === '23505') throw new InvalidInput([{ field: 'phone', message: 'This phone number is already in use', rule: 'unique' }])
      throw error
    })
    return { user: presentCustomer(customer) }
  }

  async changePassword(ctx: HttpContext) {
    const customer = ctx.auth.use('customer').user as Customer
    assertOnlyKeys(ctx.request.body(), ['current_password', 'password'])
    const input = await ctx.request.validateUsing(changePasswordValidator, { messagesProvider: new SimpleMessagesProvider(passwordMessages) })
    if (!(await hash.verify(customer.password, input.current_password))) {
      throw new InvalidInput([{ field: 'current_password', message: 'The current password is incorrect' }])
    }
    if (input.password.toLowerCase() === customer.email.toLowerCase()) {
      throw new InvalidInput([{ field: 'password', message: 'The password must not be your email address' }])
    }
    const currentRow = ctx.session.get(SESSION_KEY.customer)
    await transaction(async (trx) => {
      customer.useTransaction(trx)
      customer.password = await hash.make(input.password)
      await customer.save()
      const ended = await revokeSessions(trx, 'customer', customer.id, 'password_changed', currentRow)
      await audit.fromRequest(trx, ctx, { action: 'password.change', resource: 'users', recordId: customer.id, metadata: { sessionsEnded: ended } })
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
    const current = ctx.session.get(SESSION_KEY.customer)
    const revoked = await transaction(async (trx) => {
      const count = await revokeSessions(trx, 'customer', customer.id, 'signed_out_elsewhere', current)
      await audit.fromRequest(trx, ctx, { action: 'sessions.revoke_others', resource: 'users', recordId: customer.id, metadata: { revoked: count } })
      return count
    })
    return { revoked }
  }
}
