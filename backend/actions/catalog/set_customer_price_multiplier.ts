/**
 * Sets or clears a customer's own price multiplier (engine action `set_price_multiplier` on
 * users, finance): it wins over the tier's multiplier; empty means "the tier's". The engine has
 * locked the customer row and audits the before/after with the reason in this transaction.
 */
import type { EngineAction } from '#services/use_case'
import { parseMultiplier } from '#services/catalog/decimals'

const setCustomerPriceMultiplier: EngineAction<{ price_multiplier?: string | null }> = {
  async handle({ record, fields }, { trx }) {
    const multiplier = parseMultiplier('price_multiplier', fields.price_multiplier)
    await trx.from('customers').where('id', record!.id).update({ price_multiplier: multiplier, updated_at: new Date() })
    return { message: multiplier === null ? 'The customer now pays the tier multiplier' : `The customer's prices are multiplied by ${multiplier}` }
  },
}

export default setCustomerPriceMultiplier
