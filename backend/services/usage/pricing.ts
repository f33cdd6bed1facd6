/**
 * Pricing a usage record, exactly (issue 10 §3). Integers only: never a JS number near money.
 *
 * The rule, stated once:
 *  - Prices and costs are decimals of the ledger asset per billing unit (numeric(30,12)); token
 *    prices are per 1,000,000 tokens, `unit_price` per request / second / image (UNIT_SIZE).
 *  - Each component = quantity × price × multiplier / unit size, rounded HALF-EVEN to ledger
 *    units (10⁻⁶): input, output, cache-read and cache-write tokens, and units. `charged` is the
 *    sum of the rounded components, so a record always equals its breakdown; no minimum charge.
 *  - Cost is the same sum from the channel's cost prices, without the multiplier (0 when the
 *    channel has no cost price for the model); margin = charged − cost.
 *  - Cache savings = cache-read tokens × (input price − cache-read price) × multiplier / 1M,
 *    rounded the same way, never below 0.
 *  - Multiplier = the customer's own price_multiplier, else its tier's, else 1.
 *  - The price in force at time t is the model's version with the greatest effective_at ≤ t
 *    (ties: the greatest id), so a late record is priced by the version of its own time.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { UNIT_SIZE, type BillingUnit } from '#contract/usage'
import { InvalidInput, NotFound } from '#exceptions/domain_errors'

/** Scales of the stored decimals: prices numeric(30,12), multipliers numeric(8,4), units numeric(20,6), ledger 10⁻⁶. */
const PRICE_SCALE = 10n ** 12n
const MULTIPLIER_SCALE = 10n ** 4n
const UNITS_SCALE = 10n ** 6n
const LEDGER = 10n ** 6n
const TOKENS_PER_PRICE = UNIT_SIZE.per_1m_tokens

export type PriceVersionRow = {
  id: number | string
  model_id: number | string
  input_price: string | null
  output_price: string | null
  cache_read_price: string | null
  cache_write_price: string | null
  unit_price: string | null
  effective_at: Date | string
}

export type CostRow = {
  input_cost: string | null
  output_cost: string | null
  cache_read_cost: string | null
  cache_write_cost: string | null
  unit_cost: string | null
}

/** Prices (or costs) as integers of 10⁻¹² of the asset. */
export type Rates = { input: bigint; output: bigint; cacheRead: bigint; cacheWrite: bigint; unit: bigint }

/** What a record consumed: token counts, and units in 10⁻⁶ (numeric(20,6)). */
export type Quantities = { inputTokens: bigint; outputTokens: bigint; cacheReadTokens: bigint; cacheWriteTokens: bigint; units: bigint }

export type Priced = {
  inputCharge: bigint
  outputCharge: bigint
  cacheReadCharge: bigint
  cacheWriteCharge: bigint
  unitCharge: bigint
  charged: bigint
  cost: bigint
  margin: bigint
  cacheSavings: bigint
}

/** A non-negative decimal string ("0.150000000000") as an integer of 10⁻ᵈⁱᵍⁱᵗˢ. */
export function scaled(text: string | null | undefined, digits: number): bigint {
  if (text === null || text === undefined) return 0n
  const match = /^(\d+)(?:\.(\d*))?$/.exec(String(text).trim())
  if (!match) throw new Error(`not a non-negative decimal: ${text}`)
  const fraction = (match[2] ?? '').replace(/0+$/, '')
  if (fraction.length > digits) throw new Error(`${text} has more than ${digits} decimal places`)
  return BigInt(match[1] + fraction.padEnd(digits, '0'))
}

/** numerator / denominator rounded half to even (both ≥ 0). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator
  const twice = (numerator % denominator) * 2n
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return quotient + 1n
  return quotient
}

export function ratesOf(row: PriceVersionRow): Rates {
  return {
    input: scaled(row.input_price, 12),
    output: scaled(row.output_price, 12),
    cacheRead: scaled(row.cache_read_price, 12),
    cacheWrite: scaled(row.cache_write_price, 12),
    unit: scaled(row.unit_price, 12),
  }
}

export function costRatesOf(row: CostRow | null | undefined): Rates | null {
  if (!row) return null
  return {
    input: scaled(row.input_cost, 12),
    output: scaled(row.output_cost, 12),
    cacheRead: scaled(row.cache_read_cost, 12),
    cacheWrite: scaled(row.cache_write_cost, 12),
    unit: scaled(row.unit_cost, 12),
  }
}

/** Multiplier text (numeric(8,4)) as 10⁻⁴ integer. */
export const multiplierUnits = (text: string) => scaled(text, 4)

/** One component in ledger units: quantity (at `quantityScale`) × rate × multiplier / unit size. */
function component(quantity: bigint, quantityScale: bigint, rate: bigint, multiplier: bigint, unitSize: bigint) {
  if (quantity === 0n || rate === 0n || multiplier === 0n) return 0n
  return divideHalfEven(quantity * rate * multiplier * LEDGER, quantityScale * PRICE_SCALE * MULTIPLIER_SCALE * unitSize)
}

function components(q: Quantities, rates: Rates, multiplier: bigint, unitSize: bigint) {
  return {
    input: component(q.inputTokens, 1n, rates.input, multiplier, TOKENS_PER_PRICE),
    output: component(q.outputTokens, 1n, rates.output, multiplier, TOKENS_PER_PRICE),
    cacheRead: component(q.cacheReadTokens, 1n, rates.cacheRead, multiplier, TOKENS_PER_PRICE),
    cacheWrite: component(q.cacheWriteTokens, 1n, rates.cacheWrite, multiplier, TOKENS_PER_PRICE),
    unit: component(q.units, UNITS_SCALE, rates.unit, multiplier, unitSize),
  }
}

/** Prices one record: the five rounded components, their sum, cost, margin and cache savings. */
export function priceRecord(q: Quantities, billingUnit: BillingUnit, prices: Rates, multiplier: bigint, costs: Rates | null): Priced {
  const unitSize = UNIT_SIZE[billingUnit]
  const sell = components(q, prices, multiplier, unitSize)
  const charged = sell.input + sell.output + sell.cacheRead + sell.cacheWrite + sell.unit
  const buy = costs ? components(q, costs, MULTIPLIER_SCALE, unitSize) : null
  const cost = buy ? buy.input + buy.output + buy.cacheRead + buy.cacheWrite + buy.unit : 0n
  const saved = prices.input > prices.cacheRead ? prices.input - prices.cacheRead : 0n
  return {
    inputCharge: sell.input,
    outputCharge: sell.output,
    cacheReadCharge: sell.cacheRead,
    cacheWriteCharge: sell.cacheWrite,
    unitCharge: sell.unit,
    charged,
    cost,
    margin: charged - cost,
    cacheSavings: component(q.cacheReadTokens, 1n, saved, multiplier, TOKENS_PER_PRICE),
  }
}

/** The multiplier in force for each customer: own override, else the tier's, else "1". */
export async function multipliersFor(client: QueryClientContract, customerIds: number[]): Promise<Map<number, string>> {
  if (!customerIds.length) return new Map()
  const { rows } = await client.rawQuery(
    `SELECT c.id, coalesce(c.price_multiplier, t.price_multiplier, 1)::text AS multiplier
       FROM customers c LEFT JOIN tiers t ON t.code = c.tier
      WHERE c.id = ANY(?::bigint[])`,
    [customerIds.map(String)]
  )
  return new Map(rows.map((r: any) => [Number(r.id), String(r.multiplier)]))
}

export async function multiplierFor(client: QueryClientContract, customerId: number): Promise<string> {
  const found = (await multipliersFor(client, [customerId])).get(customerId)
  if (found === undefined) throw new NotFound(`Customer ${customerId} was not found`)
  return found
}

/** The model's price version in force at `at` (null when none had taken effect yet). */
export async function priceInForce(client: QueryClientContract, modelId: number, at: Date): Promise<PriceVersionRow | null> {
  const row = await client
    .from('price_versions')
    .where('model_id', modelId)
    .where('effective_at', '<=', at)
    .orderBy([{ column: 'effective_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first()
  return row ?? null
}

/**
 * What `units` of a model cost a customer at `at`, in ledger units (a hold's amount). For unit
 * models `units` are requests / seconds / images at the unit price; for token models they are
 * tokens at the highest of the model's token prices (a reservation must not fall short).
 */
export async function quoteUnits(client: QueryClientContract, input: { modelId: number; units: string; customerId: number; at: Date }): Promise<bigint> {
  const model = await client.from('usage_models').where('id', input.modelId).first()
  if (!model) throw new NotFound(`Model ${input.modelId} was not found`)
  const version = await priceInForce(client, input.modelId, input.at)
  if (!version) throw new InvalidInput([{ field: 'model', message: `Model ${model.code} has no price in force`, rule: 'price' }])
  let quantity: bigint
  try {
    quantity = scaled(input.units, 6)
  } catch {
    throw new InvalidInput([{ field: 'units', message: 'Units must be a non-negative decimal with at most 6 decimal places', rule: 'units' }])
  }
  const rates = ratesOf(version)
  const multiplier = multiplierUnits(await multiplierFor(client, input.customerId))
  if (model.billing_unit === 'per_1m_tokens') {
    const top = [rates.input, rates.output, rates.cacheRead, rates.cacheWrite].reduce((a, b) => (a > b ? a : b))
    return component(quantity, UNITS_SCALE, top, multiplier, TOKENS_PER_PRICE)
  }
  return component(quantity, UNITS_SCALE, rates.unit, multiplier, UNIT_SIZE[model.billing_unit as BillingUnit])
}
