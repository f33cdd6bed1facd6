import type { EngineAction } from '#services/use_case'
import type { CustomerRow } from '#services/customers/rows'
import { BadRequest } from '#exceptions/domain_errors'

/** Moves a customer to another account tier (调级). */
const setUserTier: EngineAction<{ tier: string }, CustomerRow> = {
  async handle({ record, fields }, { trx }) {
    if (record!.tier === fields.tier) throw new BadRequest(`The user is already on the ${fields.tier} tier`)
    await trx.from('customers').where('id', record!.id).update({ tier: fields.tier, updated_at: new Date() })
    return { message: `Tier changed to ${fields.tier}` }
  },
}
export default setUserTier
