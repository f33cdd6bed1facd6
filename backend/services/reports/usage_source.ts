/**
 * Where a report reads usage: the rollups (migration 0054), never the usage table. In UTC the
 * daily rollup (one row per customer, model and channel per day) is exact and small; in any other
 * zone the hourly rollup is cut at the zone's midnight, exact for zones a whole number of hours
 * from UTC (a half-hour zone is cut at the nearest UTC hour).
 */
import type { ReportGranularity } from '#contract/reports'
import type { ReportParams } from './params.js'
import { addDays } from './periods.js'

const UTC_NAMES = ['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu']

export function usageSource(p: ReportParams) {
  const daily = UTC_NAMES.includes(p.zone)
  const zone = `'${p.zone}'`
  /** The local timestamp of a rollup row. */
  const local = daily ? 'bucket::timestamp' : `(bucket AT TIME ZONE ${zone})`
  return {
    table: daily ? 'usage_rollup_daily' : 'usage_rollup_hourly',
    /** Rows of local days [from, until). */
    between: (from: string, until: string) =>
      daily ? `bucket >= '${from}'::date AND bucket < '${until}'::date` : `bucket >= ('${from}'::timestamp AT TIME ZONE ${zone}) AND bucket < ('${until}'::timestamp AT TIME ZONE ${zone})`,
    /** Rows of the report's range. */
    get within() {
      return this.between(p.from, addDays(p.to, 1))
    },
    /** The period (YYYY-MM-DD) of a rollup row. */
    period: (g: ReportGranularity = p.granularity) => `to_char(date_trunc('${g}', ${local}), 'YYYY-MM-DD')`,
  }
}
