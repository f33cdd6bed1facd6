import type { EngineAction } from '#services/use_case'
import type { CustomerRow } from '#services/customers/rows'
import { BadRequest } from '#exceptions/domain_errors'

/** Lifts a customer's freeze; they can sign in again. */
const unfreezeUser: EngineAction<{}, CustomerRow> = {
  async handle({ record }, { trx }) {
    if (!record!.frozen) throw new BadRequest('This user is not frozen')
    await trx.from('customers').where('id', record!.id).update({ frozen: false, frozen_reason: null, frozen_at: null, updated_at: new Date() })
    return { message: 'User unfrozen' }
  },
}
export default unfreezeUser
