import type { HttpContext } from '@adonisjs/core/http'
import creditdesk from '#config/creditdesk'
import { FILE_PURPOSES, type FilePurpose } from '#contract/files'
import type Staff from '#models/staff'
import audit from '#services/audit'
import { runUseCase } from '#http/use_cases'
import { Forbidden, NotFound } from '#exceptions/domain_errors'
import { acting } from '#services/portal/acting'
import storeFile from '#actions/files/store_file'
import { customerMayRead, staffMayRead, staffMayUpload } from '#services/files/access'
import { signedLink } from '#services/files/links'
import { receiveUpload } from '#services/files/receive'
import { findFile, presentFile, type StoredFileRow } from '#services/files/rows'
import { readUploadForm } from '#services/files/upload_form'

const ALL_PURPOSES = FILE_PURPOSES.map((p) => p.value) as FilePurpose[]

async function fileOr404(ctx: HttpContext) {
  const file = await findFile(ctx.params.id)
  if (!file) throw new NotFound('File not found')
  return file
}

function auditLink(ctx: HttpContext, file: StoredFileRow, link: { expires_at: string }, audience: string) {
  return audit.standalone(ctx, { action: 'file.link', resource: 'files', recordId: file.id, metadata: { purpose: file.purpose, audience, expires_at: link.expires_at } })
}

/**
 * Stored files (issue 12 §2): uploads (multipart, parsed only here, after authentication; the
 * temporary file is deleted whatever the outcome) and signed, expiring, audited download links.
 * The download itself is files_download_controller.ts.
 */
export default class FilesController {
  /** POST /api/admin/files (multipart `file`, `purpose`, optional `sha256`) → 201 StoredFileWire */
  async adminStore(ctx: HttpContext) {
    const staff = ctx.auth.use('staff').user as Staff
    const received = await receiveUpload(ctx, creditdesk.files.maxBytes)
    try {
      const form = readUploadForm(received, ALL_PURPOSES, creditdesk.files.maxBytes)
      if (!(await staffMayUpload(staff.roleId, form.purpose))) {
        await audit.standalone(ctx, { action: 'access.denied', resource: 'files', metadata: { permission: 'upload', purpose: form.purpose } })
        throw new Forbidden(`Your role may not upload files for ${form.purpose.replace('_', ' ')}s`)
      }
      const row = await runUseCase(ctx, storeFile, { ...form, staffId: staff.id })
      ctx.response.status(201)
      return presentFile(row)
    } finally {
      await received.cleanup()
    }
  }

  /** POST /api/portal/files (an organization's admin; purpose kyc_document) → 201 StoredFileWire */
  async portalStore(ctx: HttpContext) {
    const who = await acting(ctx, 'members.manage')
    const received = await receiveUpload(ctx, creditdesk.files.maxBytes)
    try {
      const form = readUploadForm(received, ['kyc_document'], creditdesk.files.maxBytes)
      const row = await runUseCase(ctx, storeFile, { ...form, customerId: who.customerId })
      ctx.response.status(201)
      return presentFile(row)
    } finally {
      await received.cleanup()
    }
  }

  /** GET /api/admin/files/:id/link → FileLinkWire (view permission on a record that owns the file) */
  async adminLink(ctx: HttpContext) {
    const staff = ctx.auth.use('staff').user as Staff
    const file = await fileOr404(ctx)
    if (!(await staffMayRead(staff.id, staff.roleId, file))) {
      await audit.standalone(ctx, { action: 'access.denied', resource: 'files', recordId: file.id, metadata: { permission: 'view', purpose: file.purpose } })
      throw new Forbidden('Your role may not read this file')
    }
    const link = signedLink(file.id, { audience: 'staff', subjectId: staff.id })
    await auditLink(ctx, file, link, 'staff')
    return link
  }

  /** GET /api/portal/files/:id/link → FileLinkWire (files of records of the acting account only) */
  async portalLink(ctx: HttpContext) {
    const who = await acting(ctx)
    const file = await fileOr404(ctx)
    if (!(await customerMayRead(who, file))) throw new NotFound('File not found')
    const link = signedLink(file.id, { audience: 'customer', subjectId: who.personId, orgId: who.orgId })
    await auditLink(ctx, file, link, 'customer')
    return link
  }
}
