import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { DomainError } from '#exceptions/domain_errors'

class UnsupportedMediaType extends DomainError {
  status = 415
}

/**
 * Route patterns that accept file uploads: the console's and the portal's upload of a stored
 * file (backend/start/routes_files.ts). A route added here must be authenticated and must parse
 * `ctx.request.multipart` itself after authentication (the body parser never streams uploads to
 * disk on its own, see config/bodyparser.ts) and delete every temporary file it wrote, whatever
 * the outcome (backend/services/files/receive.ts does both).
 */
export const FILE_ROUTES = new Set<string>(['/api/admin/files', '/api/portal/files'])

/**
 * Multipart bodies are refused before anything reads them: streaming an anonymous upload to a
 * temporary file before authentication and CSRF let anyone fill the disk.
 */
export default class RefuseMultipartMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.request.hasBody() && ctx.request.is(['multipart/*']) && !FILE_ROUTES.has(ctx.route?.pattern ?? '')) {
      throw new UnsupportedMediaType('This endpoint does not accept multipart bodies or file uploads; send JSON')
    }
    return next()
  }
}
