/**
 * A report export on the wire. A finished export that has not expired carries a signed download
 * link valid until the export's own expiry (the signature's expiry and `expires_at` agree); the
 * download route also checks the session, the permission and who asked.
 */
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import type { ReportExportWire } from '#contract/reports'
import type { ReportExportRow } from './rows.js'

export const DOWNLOAD_PATTERN = '/api/admin/report-exports/:id/download'
export const DOWNLOAD_PURPOSE = 'report-export-download'

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

// the pattern form (no route lookup): the route-name types are generated at build time
const signedPattern = signedUrlFor as unknown as (
  pattern: string,
  params: Record<string, string>,
  options: { disableRouteLookup: true; expiresIn: string; purpose: string }
) => string

/** A signed link to the file, working for `seconds` more. */
export function downloadUrl(id: string | number, seconds: number) {
  return signedPattern(DOWNLOAD_PATTERN, { id: String(id) }, { disableRouteLookup: true, expiresIn: `${Math.max(1, Math.floor(seconds))}s`, purpose: DOWNLOAD_PURPOSE })
}

export function presentReportExport(row: ReportExportRow, requestedBy?: string | null): ReportExportWire {
  const left = row.expires_at ? new Date(row.expires_at).getTime() - Date.now() : 0
  const live = row.status === 'done' && left > 0
  return {
    id: Number(row.id),
    report: row.report,
    from: row.params.from,
    to: row.params.to,
    granularity: row.params.granularity,
    zone: row.params.zone,
    status: live || row.status !== 'done' ? row.status : 'expired',
    progress: row.progress,
    rows: row.rows,
    error: row.error,
    download_url: live ? downloadUrl(row.id, left / 1000) : null,
    expires_at: iso(row.expires_at),
    created_at: iso(row.created_at)!,
    finished_at: iso(row.finished_at),
    ...(requestedBy !== undefined ? { requested_by: requestedBy } : {}),
  }
}
