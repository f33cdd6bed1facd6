import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { BadRequest } from '#exceptions/domain_errors'
import { MAX_BODY_DEPTH } from './body_depth_middleware.js'

/**
 * PostgreSQL cannot store a NUL character in text or JSON; refusing it here, once, gives the
 * caller a clear 400 instead of a database error deep in a write, a filter or a stream.
 */
export default class RejectNulMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (/%00/i.test(ctx.request.url(true)) || hasNul(ctx.request.body())) {
      throw new BadRequest('Text must not contain NUL (\\0) characters')
    }
    return next()
  }
}

/** Recursion is safe: body_depth_middleware has already bounded the depth. */
function hasNul(value: unknown, depth = 0): boolean {
  if (depth > MAX_BODY_DEPTH) return false
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1))
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1))
  }
  return false
}
