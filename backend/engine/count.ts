/**
 * Totals that do not scan a large table for every page. Up to COUNT_CAP matching rows the
 * count is exact; past it, PostgreSQL's planner estimate is used and the response says so
 * with `X-Total-Count-Estimated: true`.
 */
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

export const COUNT_CAP = 10_000

/**
 * The planner's row estimate of a table, read again at most every ESTIMATE_TTL_MS: it moves only
 * when autovacuum or ANALYZE runs, and every unfiltered list page asks for it.
 */
const ESTIMATE_TTL_MS = 10_000
const estimates = new Map<string, { rows: number; at: number }>()

async function tableEstimate(table: string) {
  const cached = estimates.get(table)
  if (cached && Date.now() - cached.at < ESTIMATE_TTL_MS) return cached.rows
  // a partitioned table keeps no estimate of its own (reltuples -1): its partitions' estimates are summed
  const stats = await db.rawQuery(
    `SELECT CASE WHEN c.relkind = 'p'
       THEN (SELECT coalesce(sum(greatest(p.reltuples, 0)), 0)::bigint FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = c.oid)
       ELSE c.reltuples::bigint END AS estimate
     FROM pg_class c WHERE c.oid = to_regclass(?)`,
    [table]
  )
  const rows = Number(stats.rows[0]?.estimate ?? -1)
  estimates.set(table, { rows, at: Date.now() })
  return rows
}

export async function countRows(query: DatabaseQueryBuilderContract<any>, table: string, filtered: boolean) {
  if (!filtered) {
    const estimate = await tableEstimate(table)
    if (estimate > COUNT_CAP) return { total: estimate, estimated: true }
  }
  const capped = query.clone().clearOrder().clearSelect().select(db.raw('1')).limit(COUNT_CAP + 1)
  const result = await db.from(capped.as('capped')).count('* as total').first()
  const total = Number(result?.total ?? 0)
  if (total <= COUNT_CAP) return { total, estimated: false }
  const { sql, bindings } = query.clone().clearOrder().toSQL()
  const plan = await db.rawQuery(`EXPLAIN (FORMAT JSON) ${sql}`, bindings as any[])
  return { total: Math.max(COUNT_CAP + 1, Number(plan.rows[0]['QUERY PLAN'][0].Plan['Plan Rows'])), estimated: true }
}
