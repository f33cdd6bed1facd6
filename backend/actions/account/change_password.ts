/**
 * A signed-in customer changes their password: the current one is checked, the new one may not
 * be the email, and every other session of the account ends (the one in use stays).
 */
import hash from '@adonisjs/core/services/hash'
import Customer from '#models/customer'
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'
import { revokeSessions } from '#services/auth/sessions'

export type PasswordChange = { customerId: number; currentPassword: string; password: string; keepSessionRowId: string | null }

const changePassword: UseCase<PasswordChange, { sessionsEnded: number }> = {
  async handle({ customerId, currentPassword, password, keepSessionRowId }, { trx, actor, facts }) {
    const customer = await Customer.query({ client: trx }).where('id', customerId).forUpdate().firstOrFail()
    if (!(await hash.verify(customer.password, currentPassword))) {
      throw new InvalidInput([{ field: 'current_password', message: 'The current password is incorrect' }])
    }
    if (password.toLowerCase() === customer.email.toLowerCase()) {
      throw new InvalidInput([{ field: 'password', message: 'The password must not be your email address' }])
    }
    customer.password = await hash.make(password)
    await customer.save()
    const ended = await revokeSessions(trx, 'customer', customer.id, 'password_changed', keepSessionRowId ?? undefined)
    await audit.record(trx, { action: 'password.change', resource: 'users', recordId: customer.id, metadata: { sessionsEnded: ended } }, actor, facts)
    return { sessionsEnded: ended }
  },
}
export default changePassword
