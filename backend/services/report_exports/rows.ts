/** A report_exports row as read (migration 0058), and where its file lives. */
import { isAbsolute, join, relative, resolve } from 'node:path'
import reports from '#config/reports'
import type { ReportExportStatus, ReportId } from '#contract/reports'
import type { ReportParams } from '#services/reports/params'

export type ReportExportRow = {
  id: string | number
  report: ReportId
  params: ReportParams
  status: ReportExportStatus
  progress: number
  rows: number | null
  file_path: string | null
  size_bytes: string | null
  error: string | null
  requested_by: number
  expires_at: Date | null
  created_at: Date
  started_at: Date | null
  finished_at: Date | null
}

/** The absolute path of a stored file name, refusing anything that would leave the export directory. */
export function exportFile(fileName: string) {
  const root = resolve(reports.exportDirectory)
  const path = resolve(root, fileName)
  const inside = relative(root, path)
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) throw new Error(`export file ${fileName} is outside ${root}`)
  return path
}

export const exportDirectory = () => resolve(reports.exportDirectory)
export const fileNameOf = (row: Pick<ReportExportRow, 'id' | 'report'>) => join(`report-export-${row.id}-${row.report}.csv`)
