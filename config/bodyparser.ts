import { defineConfig } from '@adonisjs/core/bodyparser'

/**
 * Bodies are small JSON documents; anything larger than these limits is refused
 * with 413 before it reaches a controller.
 */
const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
    limit: '256kb',
  },
  json: {
    convertEmptyStringsToNull: false,
    types: ['application/json', 'application/json-patch+json', 'application/vnd.api+json', 'application/csp-report'],
    limit: '256kb',
    strict: true,
  },
  raw: {
    types: ['text/*'],
    limit: '1mb',
  },
  /*
   * Never streamed to disk by the parser: uploads were written to temporary files before
   * authentication and CSRF ran. Multipart bodies are refused with 415 except on routes that
   * declare they accept files (FILE_ROUTES in backend/http/middleware/refuse_multipart_middleware.ts),
   * which process `request.multipart` themselves after authentication.
   */
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    limit: '20mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
