import type { HttpContext } from '@adonisjs/core/http'
import audit from '#services/audit'
import permissions from '#services/permissions'
import { Forbidden, NotFound } from '#exceptions/domain_errors'
import { authenticateSession } from '#middleware/session_auth'
import { acting } from '#services/portal/acting'
import { customerMayRead, staffMayRead } from '#services/files/access'
import { DOWNLOAD_PURPOSE } from '#services/files/links'
import { findFile, type StoredFileRow } from '#services/files/rows'
import { readStored } from '#services/files/store'

const invalid = () => new NotFound('This download link is not valid')

/** `attachment` with an ASCII fallback name and the real one (RFC 6266 / 5987). */
function disposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/** The session named by the link must be the one asking, and may still read the file. */
async function checkReader(ctx: HttpContext, file: StoredFileRow, qs: Record<string, any>) {
  if (qs.aud === 'staff') {
    const { user } = await authenticateSession(ctx, 'staff')
    if (Number(user.id) !== Number(qs.sub)) throw invalid()
    const role = await permissions.role(user.roleId)
    if (role) user.$setRelated('role', role)
    if (!(await staffMayRead(user.id, user.roleId, file))) {
      await audit.standalone(ctx, { action: 'access.denied', resource: 'files', recordId: file.id, metadata: { permission: 'view', purpose: file.purpose } })
      throw new Forbidden('Your role may not read this file')
    }
    return
  }
  const { user } = await authenticateSession(ctx, 'customer')
  if (Number(user.id) !== Number(qs.sub)) throw invalid()
  if (!(await customerMayRead(await acting(ctx), file))) throw invalid()
}

/**
 * GET /api/files/:id/download?aud=&sub=&exp=[&_org=]&signature= → the file's bytes. The signed link
 * (services/files/links.ts), its expiry (410 once past), the session it was made for and that
 * session's right to read the file (asked again now) are all checked; each download is audited.
 */
export default class FileDownloadsController {
  async show(ctx: HttpContext) {
    const file = await findFile(ctx.params.id)
    if (!file) throw new NotFound('File not found')
    const qs = ctx.request.qs()
    if (!ctx.request.hasValidSignature(DOWNLOAD_PURPOSE)) {
      const expires = Number(qs.exp)
      if (Number.isFinite(expires) && expires <= Date.now()) {
        return ctx.response.status(410).send({ message: 'This download link has expired: ask for a new one' })
      }
      throw invalid()
    }
    await checkReader(ctx, file, qs)
    const stream = await readStored(file)
    await audit.standalone(ctx, { action: 'file.download', resource: 'files', recordId: file.id, metadata: { purpose: file.purpose, size: Number(file.size), sha256: file.sha256 } })
    ctx.response.header('Content-Type', file.mime_type)
    ctx.response.header('Content-Length', String(file.size))
    ctx.response.header('Content-Disposition', disposition(file.original_name))
    ctx.response.header('Cache-Control', 'private, no-store')
    return ctx.response.stream(stream)
  }
}
