import type { ActionContext, UseCase } from '#engine/types'
import { BadRequest } from '#exceptions/domain_errors'
import { revokeSessions } from '#actions/auth/sign_in'

/** Freezes a customer: they cannot sign in, and every open session ends now. */
const freezeUser: UseCase = {
  async handle({ trx, record, reason }: ActionContext) {
    if (record!.frozen) throw new BadRequest('This user is already frozen')
    await trx.from('customers').where('id', record!.id).update({ frozen: true, frozen_reason: reason, frozen_at: new Date(), updated_at: new Date() })
    const ended = await revokeSessions(trx, 'customer', Number(record!.id), 'frozen')
    return { message: 'User frozen', auditMetadata: { sessionsEnded: ended } }
  },
}
export default freezeUser
