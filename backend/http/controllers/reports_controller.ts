import type { HttpContext } from '@adonisjs/core/http'
import { REPORTS } from '#contract/reports'
import audit from '#services/audit'
import { readReportParams } from '#services/reports/params'
import { findReport, runReport } from '#services/reports/registry'
import { csvLocale, reportCsv, reportFileName } from '#services/reports/csv'
import { assertOnlyKeys } from '#validators/strict'

const PARAMS = ['from', 'to', 'granularity', 'zone']

/**
 * The reports section (issue 11 §5): the list of reports with how each is computed, one report's
 * figures for a range, and the same figures as CSV (audited as an export).
 */
export default class ReportsController {
  /** GET /api/admin/reports → { reports: ReportDescriptor[] } (reports:view) */
  async index({ request }: HttpContext) {
    assertOnlyKeys(request.qs(), [])
    return { reports: REPORTS }
  }

  /** GET /api/admin/reports/:id?from&to&granularity&zone → ReportResult (reports:view) */
  async show({ params, request }: HttpContext) {
    const report = findReport(params.id)
    assertOnlyKeys(request.qs(), PARAMS)
    return runReport(report.id, readReportParams(request.qs()))
  }

  /** GET /api/admin/reports/:id/csv?from&to&granularity&zone&_lang → text/csv (reports:export) */
  async csv(ctx: HttpContext) {
    const report = findReport(ctx.params.id)
    const query = ctx.request.qs()
    assertOnlyKeys(query, [...PARAMS, '_lang', 'lang'])
    const result = await runReport(report.id, readReportParams(query))
    await audit.standalone(ctx, {
      action: 'export',
      resource: 'reports',
      recordId: report.id,
      metadata: { report: report.id, from: result.from, to: result.to, granularity: result.granularity, zone: result.zone, rows: result.rows.length },
    })
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="${reportFileName(result)}"`)
    ctx.response.header('Cache-Control', 'no-store')
    return reportCsv(result, csvLocale(query, ctx.request.header('accept-language')))
  }
}
