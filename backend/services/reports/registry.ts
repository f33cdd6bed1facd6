/**
 * Every report by id (exactly the contract's REPORT_IDS; a test checks) and the one way to run
 * one: read the params, compute in a read-only snapshot, and answer the contract's ReportResult.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import { REPORTS, type ReportDescriptor, type ReportId, type ReportResult } from '#contract/reports'
import { InvalidInput, NotFound } from '#exceptions/domain_errors'
import type { ReportDefinition } from './definition.js'
import type { ReportParams } from './params.js'
import { mrr, packageRevenue, rechargeTrend, refundRate, revenueByDay } from './money.js'
import { consumptionTrend, costByChannel, costByModel, creditUtilisation, grossMargin } from './usage.js'
import { activeUsers, arpu, newUserConversion, retentionCohorts } from './customers.js'
import { arrearsRate } from './arrears.js'
import { generationSuccess, paymentSuccessRate, riskInterceptionRate } from './operations.js'

export const REPORT_DEFINITIONS: Record<ReportId, ReportDefinition> = Object.fromEntries(
  [
    rechargeTrend,
    consumptionTrend,
    packageRevenue,
    revenueByDay,
    arrearsRate,
    grossMargin,
    costByModel,
    costByChannel,
    refundRate,
    riskInterceptionRate,
    activeUsers,
    newUserConversion,
    retentionCohorts,
    arpu,
    mrr,
    paymentSuccessRate,
    generationSuccess,
    creditUtilisation,
  ].map((d) => [d.id, d])
) as Record<ReportId, ReportDefinition>

/** The descriptor of a report id from a URL, or 404. */
export function findReport(id: string): ReportDescriptor {
  const descriptor = REPORTS.find((r) => r.id === id)
  if (!descriptor || !Object.hasOwn(REPORT_DEFINITIONS, id)) throw new NotFound(`There is no report "${id}"`)
  return descriptor
}

/**
 * Computes a report. Its queries run in one repeatable-read, read-only transaction (or the
 * caller's client), so every figure of the answer comes from the same snapshot.
 */
export async function runReport(id: ReportId, p: ReportParams, client?: QueryClientContract): Promise<ReportResult> {
  const definition = REPORT_DEFINITIONS[id]
  const compute = async (c: QueryClientContract) => {
    try {
      return await definition.compute(p, c)
    } catch (error: any) {
      // a zone Intl knows but PostgreSQL does not
      if (error?.code === '22023' && /time zone/i.test(String(error.message))) {
        throw new InvalidInput([{ field: 'zone', message: `PostgreSQL does not know the time zone "${p.zone}"`, rule: 'zone' }])
      }
      throw error
    }
  }
  const connection = client ?? db.connection()
  // one snapshot, read-only; inside an enclosing transaction (a test's) its own snapshot already holds
  const computed = connection.isTransaction
    ? await compute(connection)
    : await db.transaction(async (trx) => {
        await trx.rawQuery('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
        return compute(trx)
      })
  return {
    id,
    from: p.from,
    to: p.to,
    granularity: computed.granularity ?? p.granularity,
    zone: p.zone,
    currency: creditdesk.asset,
    columns: computed.columns ?? definition.columns,
    rows: computed.rows,
    totals: computed.totals,
    chart: definition.chart,
  }
}
