/**
 * The measures every usage rollup row carries (migration 0054), in one list: the upsert, the
 * rebuild and the check all name them from here, so a new measure cannot be summed in one
 * place and forgotten in another. `sql` is how the rebuild and the check sum usage rows.
 */
export const MEASURES = [
  ['requests', 'bigint', 'count(*)'],
  ['successes', 'bigint', "count(*) FILTER (WHERE status = 'success')"],
  ['errors', 'bigint', "count(*) FILTER (WHERE status = 'error')"],
  ['input_tokens', 'bigint', 'sum(input_tokens)'],
  ['output_tokens', 'bigint', 'sum(output_tokens)'],
  ['cache_read_tokens', 'bigint', 'sum(cache_read_tokens)'],
  ['cache_write_tokens', 'bigint', 'sum(cache_write_tokens)'],
  ['units', 'numeric', 'sum(units)'],
  ['charged', 'bigint', 'sum(charged)'],
  ['cost', 'bigint', 'sum(cost)'],
  ['margin', 'bigint', 'sum(margin)'],
  ['cache_savings', 'bigint', 'sum(cache_savings)'],
  ['latency_ms_sum', 'bigint', 'coalesce(sum(latency_ms), 0)'],
] as const

export type MeasureName = (typeof MEASURES)[number][0]
/** Sums in memory; `units` in 10⁻⁶ like the ledger. */
export type Measures = Record<MeasureName, bigint>

export const emptyMeasures = (): Measures => Object.fromEntries(MEASURES.map(([name]) => [name, 0n])) as Measures

/** units (10⁻⁶) as numeric text. */
export function unitsText(units: bigint) {
  const digits = units.toString().padStart(7, '0')
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`
}
