import type { EngineAction } from '#services/use_case'
import type { StaffRow } from '#services/staff/rows'
import { BadRequest } from '#exceptions/domain_errors'
import { revokeSessions } from '#services/auth/sessions'
import { assertNotLastSuperAdmin } from '#services/staff/last_super_admin'

/** Freezes a staff account and ends its sessions at once. Nobody freezes themselves. */
const freezeStaff: EngineAction<{}, StaffRow> = {
  async handle({ record, reason }, { trx, actor }) {
    const staff = record!
    if (staff.status === 'frozen') throw new BadRequest('This account is already frozen')
    if (actor.type === 'staff' && Number(staff.id) === Number(actor.id)) throw new BadRequest('You cannot freeze your own account')
    await assertNotLastSuperAdmin(trx, staff, 'freeze')
    await trx.from('staff').where('id', staff.id).update({ status: 'frozen', frozen_reason: reason, frozen_at: new Date(), updated_at: new Date() })
    const ended = await revokeSessions(trx, 'staff', Number(staff.id), 'frozen')
    return { message: 'Account frozen', auditMetadata: { sessionsEnded: ended } }
  },
}
export default freezeStaff
