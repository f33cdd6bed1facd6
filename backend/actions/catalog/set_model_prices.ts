/**
 * Sets a model's sell prices (engine action `set_prices` on usage-models, finance): a new
 * immutable price version, effective now or at a later time (at most a minute in the past, for
 * clock skew), with a reason. Amounts arrive from the engine's money inputs as exact units of
 * 10⁻¹² (text, never floats); token models take input and output prices (cache prices optional),
 * other units one unit price. The engine has locked the model row and audits the action in the
 * same transaction; the version's before/after goes into that audit row too.
 */
import type { EngineAction } from '#services/use_case'
import { InvalidInput, type FieldError } from '#exceptions/domain_errors'
import { priceFromUnits } from '#services/catalog/decimals'
import { addPriceVersion, PRICE_COLUMNS, pricedByTokens, TOKEN_PRICES, type PriceColumn, type Prices } from '#services/catalog/prices'

type Fields = Partial<Record<PriceColumn, string | null>> & { effective_at?: Date | null }

const PAST_TOLERANCE_MS = 60_000

const setModelPrices: EngineAction<Fields> = {
  async handle({ record, fields, reason }, { trx, actor }) {
    const model = record!
    const byTokens = pricedByTokens(model.billing_unit)
    const wanted: readonly PriceColumn[] = byTokens ? TOKEN_PRICES : ['unit_price']
    const required: readonly PriceColumn[] = byTokens ? ['input_price', 'output_price'] : ['unit_price']
    const errors: FieldError[] = []
    for (const column of PRICE_COLUMNS) {
      const given = fields[column] !== undefined && fields[column] !== null
      if (given && !wanted.includes(column)) errors.push({ field: column, message: `"${column}" does not apply to a model billed ${model.billing_unit}`, rule: 'unit' })
      if (!given && required.includes(column)) errors.push({ field: column, message: `"${column}" is required for a model billed ${model.billing_unit}`, rule: 'required' })
    }
    const now = Date.now()
    const effectiveAt = fields.effective_at ?? new Date(now)
    if (effectiveAt.getTime() < now - PAST_TOLERANCE_MS) {
      errors.push({ field: 'effective_at', message: 'The effective time cannot be in the past', rule: 'after' })
    }
    if (errors.length) throw new InvalidInput(errors)

    const prices: Prices = {}
    for (const column of wanted) {
      const units = fields[column]
      prices[column] = units === undefined || units === null ? null : priceFromUnits(column, units)
    }
    const version = await addPriceVersion(trx, model as { id: string; billing_unit: string }, { prices, effectiveAt, reason: reason ?? null }, actor)
    const future = effectiveAt.getTime() > now
    return {
      message: future ? `Version ${version.version} takes effect at ${effectiveAt.toISOString()}` : `Version ${version.version} is in force`,
      result: { version: version.version, effective_at: effectiveAt.toISOString() },
      auditMetadata: { price_version_id: version.id, version: version.version, before: version.before, after: version.after },
    }
  },
}

export default setModelPrices
