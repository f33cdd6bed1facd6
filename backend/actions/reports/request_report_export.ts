/**
 * A staff member asks for a report as a file made in the background: the export row is queued
 * (audited in the same transaction) and the `report-export` job is sent once the row is committed.
 * The report id and params are checked here, so a bad request writes nothing.
 */
import type { ReportId } from '#contract/reports'
import audit from '#services/audit'
import jobs from '#services/jobs'
import type { UseCase } from '#services/use_case'
import { InvalidInput } from '#exceptions/domain_errors'
import { REPORT_DEFINITIONS } from '#services/reports/registry'
import { readReportParams } from '#services/reports/params'
import type { CsvLocale } from '#services/reports/csv'
import type { ReportExportRow } from '#services/report_exports/rows'

type Input = { body: Record<string, unknown>; locale: CsvLocale }

const requestReportExport: UseCase<Input, ReportExportRow> = {
  async handle({ body, locale }, { trx, actor, facts }) {
    const report = body.report
    if (typeof report !== 'string' || !Object.hasOwn(REPORT_DEFINITIONS, report)) {
      throw new InvalidInput([{ field: 'report', message: 'report must be one of the report ids', rule: 'enum' }])
    }
    const params = readReportParams(body)
    const [row] = await trx
      .insertQuery()
      .table('report_exports')
      .insert({ report, params: JSON.stringify({ ...params, locale }), requested_by: actor.id })
      .returning('*')
    await audit.record(trx, { action: 'report_export.request', resource: 'reports', recordId: row.id, metadata: { report: report as ReportId, ...params } }, actor, facts)
    trx.after('commit', () => {
      jobs.send('report-export', { id: Number(row.id) }).catch(() => {})
    })
    return row
  },
}

export default requestReportExport
