/**
 * Completes a password reset from the one-time link an operator issued. The token is
 * compared by hash, works once, expires, and ends every session of the account.
 *
 * A refused link (unknown, already used or expired) throws `RefusedLink`; the HTTP layer audits
 * it as `password.reset_refused`, capped per IP like other refusals, so guessing or replaying
 * links shows in the trail.
 */
import hash from '@adonisjs/core/services/hash'
import { createHash } from 'node:crypto'
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import type { CustomerRow } from '#services/customers/rows'
import { InvalidInput } from '#exceptions/domain_errors'
import { revokeSessions } from '#services/auth/sessions'

export class RefusedLink extends InvalidInput {
  constructor(
    public why: string,
    public customerId: number | null
  ) {
    super([{ field: 'token', message: 'This reset link is invalid or has expired. Ask support for a new one.' }])
  }
}

const completePasswordReset: UseCase<{ token: string; password: string }, void> = {
  async handle({ token, password }, { trx, facts }) {
    const tokenHash = createHash('sha256').update(token).digest('hex')
    const customer: CustomerRow | null = await trx.from('customers').where('password_reset_hash', tokenHash).forUpdate().first()
    // a used link has had its hash cleared, so it is indistinguishable from an unknown one
    if (!customer) throw new RefusedLink('unknown or already used link', null)
    if (!customer.password_reset_expires_at || new Date(customer.password_reset_expires_at) < new Date()) {
      throw new RefusedLink('expired link', Number(customer.id))
    }
    if (password.toLowerCase() === String(customer.email).toLowerCase()) {
      throw new InvalidInput([{ field: 'password', message: 'The password must not be your email address' }])
    }
    await trx
      .from('customers')
      .where('id', customer.id)
      .update({ password: await hash.make(password), password_reset_hash: null, password_reset_expires_at: null, updated_at: new Date() })
    const ended = await revokeSessions(trx, 'customer', Number(customer.id), 'password_reset')
    const actor = { type: 'customer' as const, id: Number(customer.id), label: customer.email, role: null }
    await audit.record(trx, { action: 'password.reset', resource: 'users', recordId: customer.id, metadata: { sessionsEnded: ended } }, actor, facts)
  },
}
export default completePasswordReset
