import type { EngineAction } from '#services/use_case'
import type { CustomerRow } from '#services/customers/rows'
import { BadRequest } from '#exceptions/domain_errors'
import { revokeSessions } from '#services/auth/sessions'

/** Freezes a customer: they cannot sign in, and every open session ends now. */
const freezeUser: EngineAction<{}, CustomerRow> = {
  async handle({ record, reason }, { trx }) {
    const user = record!
    if (user.frozen) throw new BadRequest('This user is already frozen')
    await trx.from('customers').where('id', user.id).update({ frozen: true, frozen_reason: reason, frozen_at: new Date(), updated_at: new Date() })
    const ended = await revokeSessions(trx, 'customer', Number(user.id), 'frozen')
    return { message: 'User frozen', auditMetadata: { sessionsEnded: ended } }
  },
}
export default freezeUser
