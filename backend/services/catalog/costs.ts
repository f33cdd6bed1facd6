/** Cost prices of a channel for a model (table `channel_models`), in the model's billing unit like its sell prices. */
import { trimPrice } from './decimals.js'
import { pricedByTokens } from './prices.js'

export const COST_COLUMNS = ['input_cost', 'output_cost', 'cache_read_cost', 'cache_write_cost', 'unit_cost'] as const
export type CostColumn = (typeof COST_COLUMNS)[number]

/** The costs of the model's unit, shortest text, as the audit shows them. */
export function readableCosts(row: Record<string, any>, unit: string) {
  const columns = pricedByTokens(unit) ? COST_COLUMNS.slice(0, 4) : (['unit_cost'] as const)
  return Object.fromEntries(columns.map((c) => [c, trimPrice(row[c])]))
}
