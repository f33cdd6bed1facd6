/**
 * Usage grouped by one dimension (model, channel, key or customer) over an already filtered
 * query of usage_records: requests, tokens and money per group, the top groups by charge, and
 * the totals of every matching row (not only the groups shown), so the grouped view and the
 * consumption detail agree for the same filters.
 */
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { formatUnits, LEDGER_SCALE } from '#contract/money'

export const GROUP_DIMENSIONS = {
  model: 'model_id',
  channel: 'channel_id',
  key: 'api_key_id',
  customer: 'customer_id',
} as const
export type GroupDimension = keyof typeof GROUP_DIMENSIONS

/** The most groups one answer lists (by charge, highest first). */
export const MAX_GROUPS = 200

const TOKENS = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens'] as const
const MONEY = ['charged', 'cost', 'margin', 'cache_savings'] as const

export type UsageFigures = { requests: number } & Record<(typeof TOKENS)[number], string> & Record<(typeof MONEY)[number], string>
export type UsageGroup = UsageFigures & { key: number | null; label: string | null }

const SUMS = [
  'count(*)::bigint AS requests',
  ...[...TOKENS, ...MONEY].map((column) => `coalesce(sum(${column}), 0)::text AS ${column}`),
].join(', ')

/** Token counts are whole numbers as text (they can pass 2^53 summed over months); money is decimal text. */
function figures(row: Record<string, any>): UsageFigures {
  return {
    requests: Number(row.requests),
    ...Object.fromEntries(TOKENS.map((c) => [c, String(row[c])])),
    ...Object.fromEntries(MONEY.map((c) => [c, formatUnits(row[c], LEDGER_SCALE)])),
  } as UsageFigures
}

export async function groupedUsage(filtered: DatabaseQueryBuilderContract<any>, by: GroupDimension) {
  const column = GROUP_DIMENSIONS[by]
  const [rows, [total]] = await Promise.all([
    filtered
      .clone()
      .select(db.raw(`${column} AS key, ${SUMS}`))
      .groupBy(column)
      .orderByRaw('sum(charged) DESC, key ASC NULLS LAST')
      .limit(MAX_GROUPS),
    filtered.clone().select(db.raw(SUMS)),
  ])
  return {
    groups: (rows as Array<Record<string, any>>).map((row) => ({ key: row.key === null ? null : Number(row.key), ...figures(row) })),
    totals: figures(total),
  }
}
