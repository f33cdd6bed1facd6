/**
 * Sets what a channel charges us for one model (engine action `set_costs` on channel-models,
 * finance): the cost prices per billing unit, in the model's unit — input, output and cache
 * prices per 1M tokens for token models, one unit cost otherwise — as exact decimals. The engine
 * has locked the row and audits the action in this transaction, with the costs before and after.
 */
import type { EngineAction } from '#services/use_case'
import { InvalidInput, type FieldError } from '#exceptions/domain_errors'
import { priceFromUnits } from '#services/catalog/decimals'
import { pricedByTokens } from '#services/catalog/prices'
import { COST_COLUMNS, readableCosts, type CostColumn } from '#services/catalog/costs'

type Fields = Partial<Record<CostColumn, string | null>>

const setChannelCosts: EngineAction<Fields> = {
  async handle({ record, fields }, { trx }) {
    // the stored decimals (the record's cost fields are the engine's money units)
    const row = await trx.from('channel_models').where('id', record!.id).firstOrFail()
    const model = await trx.from('usage_models').where('id', row.model_id).select('billing_unit').firstOrFail()
    const byTokens = pricedByTokens(model.billing_unit)
    const wanted: readonly CostColumn[] = byTokens ? ['input_cost', 'output_cost', 'cache_read_cost', 'cache_write_cost'] : ['unit_cost']
    const required: readonly CostColumn[] = byTokens ? ['input_cost', 'output_cost'] : ['unit_cost']
    const errors: FieldError[] = []
    for (const column of COST_COLUMNS) {
      const given = fields[column] !== undefined && fields[column] !== null
      if (given && !wanted.includes(column)) errors.push({ field: column, message: `"${column}" does not apply to a model billed ${model.billing_unit}`, rule: 'unit' })
      if (!given && required.includes(column)) errors.push({ field: column, message: `"${column}" is required for a model billed ${model.billing_unit}`, rule: 'required' })
    }
    if (errors.length) throw new InvalidInput(errors)

    const costs = Object.fromEntries(COST_COLUMNS.map((c) => [c, fields[c] === undefined || fields[c] === null ? null : priceFromUnits(c, fields[c]!)]))
    await trx.from('channel_models').where('id', row.id).update({ ...costs, updated_at: new Date() })
    return {
      message: 'Costs saved',
      auditMetadata: { before: readableCosts(row, model.billing_unit), after: readableCosts(costs, model.billing_unit) },
    }
  },
}

export default setChannelCosts
