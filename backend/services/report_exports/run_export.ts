/**
 * The `report-export` job: computes the report of an export row, writes its CSV under the export
 * directory and marks the row done with the link's expiry. Progress is saved as it goes (started,
 * computed, written). Idempotent: a finished or expired export is left alone; one left running by
 * a crashed worker is computed again and its file overwritten. A failure is recorded on the row
 * (status failed, the error) and not retried: the staff member asks again.
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import reports from '#config/reports'
import { runReport } from '#services/reports/registry'
import { reportCsv } from '#services/reports/csv'
import { exportDirectory, exportFile, fileNameOf, type ReportExportRow } from './rows.js'

const progress = (id: number, values: Record<string, unknown>) => db.from('report_exports').where('id', id).update(values)

export async function runReportExport(id: number) {
  const row: ReportExportRow | null = await db.from('report_exports').where('id', id).first()
  if (!row || ['done', 'expired', 'failed'].includes(row.status)) return
  await progress(id, { status: 'running', progress: 10, started_at: new Date(), error: null })
  try {
    const locale = (row.params as any).locale === 'zh-CN' ? 'zh-CN' : 'en'
    const result = await runReport(row.report, row.params)
    await progress(id, { progress: 60 })
    const fileName = fileNameOf(row)
    const path = exportFile(fileName)
    await mkdir(exportDirectory(), { recursive: true })
    await writeFile(`${path}.part`, reportCsv(result, locale))
    await rename(`${path}.part`, path)
    const { size } = await stat(path)
    const finished = new Date()
    await progress(id, {
      status: 'done',
      progress: 100,
      rows: result.rows.length,
      file_path: fileName,
      size_bytes: size,
      finished_at: finished,
      expires_at: new Date(finished.getTime() + reports.linkHours * 3_600_000),
    })
  } catch (error: any) {
    logger.error({ err: error, exportId: id }, 'report export failed')
    await progress(id, { status: 'failed', error: String(error?.message ?? error).slice(0, 500), finished_at: new Date() })
  }
}
