import type { ActionContext, UseCase } from '#engine/types'
import { BadRequest } from '#exceptions/domain_errors'

/** Lifts a staff account's freeze. */
const unfreezeStaff: UseCase = {
  async handle({ trx, record }: ActionContext) {
    if (record!.status !== 'frozen') throw new BadRequest('This account is not frozen')
    await trx.from('staff').where('id', record!.id).update({ status: 'active', frozen_reason: null, frozen_at: null, updated_at: new Date() })
    return { message: 'Account unfrozen' }
  },
}
export default unfreezeStaff
