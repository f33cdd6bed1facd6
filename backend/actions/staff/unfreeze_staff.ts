import type { EngineAction } from '#services/use_case'
import type { StaffRow } from '#services/staff/rows'
import { BadRequest } from '#exceptions/domain_errors'

/** Lifts a staff account's freeze. */
const unfreezeStaff: EngineAction<{}, StaffRow> = {
  async handle({ record }, { trx }) {
    if (record!.status !== 'frozen') throw new BadRequest('This account is not frozen')
    await trx.from('staff').where('id', record!.id).update({ status: 'active', frozen_reason: null, frozen_at: null, updated_at: new Date() })
    return { message: 'Account unfrozen' }
  },
}
export default unfreezeStaff
