/**
 * Sell-price versions of a model (table `price_versions`, immutable by trigger). A change of
 * price is a new version: number = the model's highest + 1, `before` = the previous version's
 * prices, `after` = the new ones, who set it and from when it applies. Which version prices a
 * usage record is the pricing service's business (services/usage/pricing.ts): the greatest
 * `effective_at` at or before the record's time, ties by the greatest id.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BillingUnit } from '#contract/usage'
import type { Actor } from '#services/audit'
import { trimPrice } from './decimals.js'

export const TOKEN_PRICES = ['input_price', 'output_price', 'cache_read_price', 'cache_write_price'] as const
export const PRICE_COLUMNS = [...TOKEN_PRICES, 'unit_price'] as const
export type PriceColumn = (typeof PRICE_COLUMNS)[number]
export type Prices = Partial<Record<PriceColumn, string | null>>

/** Token models are priced per 1M tokens in four parts; every other unit has one unit price. */
export const pricedByTokens = (unit: BillingUnit | string) => unit === 'per_1m_tokens'

/** A version's prices as its before/after record reads them: the columns of its unit, shortest text. */
export function readablePrices(row: Record<string, any> | null | undefined, unit: string) {
  if (!row) return null
  const columns = pricedByTokens(unit) ? TOKEN_PRICES : (['unit_price'] as const)
  return Object.fromEntries(columns.map((c) => [c, trimPrice(row[c])]))
}

/**
 * SQL (over `usage_models`) for one column of the version in force now: the same rule as pricing.
 * `units` answers integer units of 10⁻¹², which the engine shows as money at scale 12.
 */
export function inForceSql(column: PriceColumn | 'version' | 'effective_at', units = false) {
  const value = units ? `(pv.${column} * 1000000000000)::numeric(42,0)` : `pv.${column}`
  return `(SELECT ${value} FROM price_versions pv WHERE pv.model_id = usage_models.id AND pv.effective_at <= statement_timestamp() ORDER BY pv.effective_at DESC, pv.id DESC LIMIT 1)`
}

/** Writes the model's next version; the caller holds the model row's lock, so numbers never collide. */
export async function addPriceVersion(
  trx: TransactionClientContract,
  model: { id: string | number; billing_unit: string },
  change: { prices: Prices; effectiveAt: Date; reason: string | null },
  actor: Actor
) {
  const previous = await trx.from('price_versions').where('model_id', model.id).orderBy('version', 'desc').first()
  const after = readablePrices(change.prices, model.billing_unit)!
  const [row] = await trx
    .insertQuery()
    .table('price_versions')
    .insert({
      model_id: model.id,
      version: (previous?.version ?? 0) + 1,
      ...Object.fromEntries(PRICE_COLUMNS.map((c) => [c, change.prices[c] ?? null])),
      effective_at: change.effectiveAt,
      reason: change.reason,
      before: previous ? JSON.stringify({ ...readablePrices(previous, model.billing_unit), effective_at: previous.effective_at.toISOString() }) : null,
      after: JSON.stringify({ ...after, effective_at: change.effectiveAt.toISOString() }),
      created_by: actor.type === 'staff' ? actor.id : null,
    })
    .returning('*')
  return row as Record<string, any>
}
