import type { ActionContext, UseCase } from '#engine/types'
import { BadRequest } from '#exceptions/domain_errors'
import { revokeSessions } from '#actions/auth/sign_in'
import { assertNotLastSuperAdmin } from './last_super_admin.js'

/** Freezes a staff account and ends its sessions at once. Nobody freezes themselves. */
const freezeStaff: UseCase = {
  async handle({ trx, record, ctx, reason }: ActionContext) {
    if (record!.status === 'frozen') throw new BadRequest('This account is already frozen')
    if (Number(record!.id) === Number(ctx.auth.use('staff').user?.id)) throw new BadRequest('You cannot freeze your own account')
    await assertNotLastSuperAdmin(trx, record!, 'freeze')
    await trx.from('staff').where('id', record!.id).update({ status: 'frozen', frozen_reason: reason, frozen_at: new Date(), updated_at: new Date() })
    const ended = await revokeSessions(trx, 'staff', Number(record!.id), 'frozen')
    return { message: 'Account frozen', auditMetadata: { sessionsEnded: ended } }
  },
}
export default freezeStaff
