import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { createReadStream } from 'node:fs'
import { access } from 'node:fs/promises'
import type Staff from '#models/staff'
import audit from '#services/audit'
import permissions from '#services/permissions'
import { runUseCase } from '#http/use_cases'
import { NotFound } from '#exceptions/domain_errors'
import requestReportExport from '#actions/reports/request_report_export'
import { csvLocale } from '#services/reports/csv'
import { assertOnlyKeys } from '#validators/strict'
import { DOWNLOAD_PURPOSE, presentReportExport } from '#services/report_exports/present'
import { exportFile, type ReportExportRow } from '#services/report_exports/rows'

/** Someone else's export is "not found" for anyone but a super_admin. */
async function visible(ctx: HttpContext) {
  const staff = ctx.auth.use('staff').user as Staff
  const all = (await permissions.forRole(staff.roleId)).isSuperAdmin
  const query = db.from('report_exports as e').leftJoin('staff as s', 's.id', 'e.requested_by').select('e.*', 's.email as requested_by_email')
  return { query: all ? query : query.where('e.requested_by', staff.id), all }
}

async function findVisible(ctx: HttpContext) {
  const id = Number(ctx.params.id)
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFound('Export not found')
  const { query, all } = await visible(ctx)
  const row = await query.where('e.id', id).first()
  if (!row) throw new NotFound('Export not found')
  return { row: row as ReportExportRow & { requested_by_email: string | null }, all }
}

/**
 * Background report exports (PRD §17): ask for one, follow its progress, download its file by a
 * signed link that expires. Everything needs reports:export; each staff member sees their own.
 */
export default class ReportExportsController {
  /** POST /api/admin/report-exports { report, from, to, granularity, zone, lang? } → 201 ReportExportWire */
  async store(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['report', 'from', 'to', 'granularity', 'zone', 'lang'])
    const body = ctx.request.only(['report', 'from', 'to', 'granularity', 'zone'])
    const locale = csvLocale(ctx.request.only(['lang']), ctx.request.header('accept-language'))
    const row = await runUseCase(ctx, requestReportExport, { body, locale })
    ctx.response.status(201)
    return presentReportExport(row)
  }

  /** GET /api/admin/report-exports → { exports: ReportExportWire[] } (own, newest first; a super_admin sees all) */
  async index(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.qs(), [])
    const { query, all } = await visible(ctx)
    const rows = await query.orderBy('e.id', 'desc').limit(100)
    return { exports: rows.map((row: any) => presentReportExport(row, all ? row.requested_by_email : undefined)) }
  }

  /** GET /api/admin/report-exports/:id → ReportExportWire */
  async show(ctx: HttpContext) {
    const { row, all } = await findVisible(ctx)
    return presentReportExport(row, all ? row.requested_by_email : undefined)
  }

  /**
   * GET /api/admin/report-exports/:id/download?signature=… → the CSV. The signed link, the session,
   * the permission and who asked are all checked; a link past its expiry is 410 Gone.
   */
  async download(ctx: HttpContext) {
    const { row } = await findVisible(ctx)
    if (!ctx.request.hasValidSignature(DOWNLOAD_PURPOSE)) {
      const expired = row.status === 'expired' || (row.expires_at !== null && new Date(row.expires_at).getTime() <= Date.now())
      if (expired) return ctx.response.status(410).send({ message: 'This download link has expired: export the report again' })
      throw new NotFound('This download link is not valid')
    }
    if (row.status !== 'done' || !row.file_path || !row.expires_at || new Date(row.expires_at).getTime() <= Date.now()) {
      return ctx.response.status(410).send({ message: 'This export is no longer available: export the report again' })
    }
    const path = exportFile(row.file_path)
    try {
      await access(path)
    } catch {
      return ctx.response.status(410).send({ message: 'This export is no longer available: export the report again' })
    }
    await audit.standalone(ctx, { action: 'export', resource: 'reports', recordId: row.report, metadata: { export_id: Number(row.id), report: row.report, ...row.params, rows: row.rows } })
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="${row.report}-${row.params.from}-${row.params.to}-${row.params.granularity}.csv"`)
    ctx.response.header('Cache-Control', 'no-store')
    return ctx.response.stream(createReadStream(path))
  }
}
