/**
 * Completes a password reset from the one-time link an operator issued. The token is
 * compared by hash, works once, expires, and ends every session of the account.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { transaction } from '#services/transaction'
import hash from '@adonisjs/core/services/hash'
import { createHash } from 'node:crypto'
import audit from '#services/audit'
import { InvalidInput } from '#exceptions/domain_errors'
import { revokeSessions } from './sign_in.js'

export async function completePasswordReset(ctx: HttpContext, token: string, password: string) {
  const tokenHash = createHash('sha256').update(token).digest('hex')
  await transaction(async (trx) => {
    const customer = await trx.from('customers').where('password_reset_hash', tokenHash).forUpdate().first()
    if (!customer || !customer.password_reset_expires_at || new Date(customer.password_reset_expires_at) < new Date()) {
      throw new InvalidInput([{ field: 'token', message: 'This reset link is invalid or has expired. Ask support for a new one.' }])
    }
    if (password.toLowerCase() === String(customer.email).toLowerCase()) {
      throw new InvalidInput([{ field: 'password', message: 'The password must not be your email address' }])
    }
    await trx
      .from('customers')
      .where('id', customer.id)
      .update({ password: await hash.make(password), password_reset_hash: null, password_reset_expires_at: null, updated_at: new Date() })
    const ended = await revokeSessions(trx, 'customer', Number(customer.id), 'password_reset')
    await audit.record(trx, { action: 'password.reset', resource: 'users', recordId: customer.id, metadata: { sessionsEnded: ended } }, {
      type: 'customer',
      id: Number(customer.id),
      label: customer.email,
      role: null,
    }, { ip: ctx.request.ip(), userAgent: ctx.request.header('user-agent') ?? null, requestId: ctx.request.id() ?? null })
  })
}
