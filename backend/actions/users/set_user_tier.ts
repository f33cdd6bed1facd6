import type { ActionContext, UseCase } from '#engine/types'
import { BadRequest } from '#exceptions/domain_errors'

/** Moves a customer to another account tier (调级). */
const setUserTier: UseCase = {
  async handle({ trx, record, input }: ActionContext) {
    if (record!.tier === input.tier) throw new BadRequest(`The user is already on the ${input.tier} tier`)
    await trx.from('customers').where('id', record!.id).update({ tier: input.tier, updated_at: new Date() })
    return { message: `Tier changed to ${input.tier}` }
  },
}
export default setUserTier
