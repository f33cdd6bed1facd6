import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { BadRequest } from '#exceptions/domain_errors'

/** Deepest nesting of arrays and objects a request body may have. Our bodies need 4 or 5. */
export const MAX_BODY_DEPTH = 32

/**
 * Registered just before the body parser. V8 parses JSON of any depth without recursion, but
 * the parser then hands the document to `request.setInitialBody`, which deep-clones it
 * recursively (100,000 levels overflow the stack), and validators and guards walk it
 * recursively too. The depth is measured here first, without recursion, on every route.
 */
export default class BodyDepthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const request = ctx.request
    const setInitialBody = request.setInitialBody
    request.setInitialBody = function (body: Record<string, any>) {
      if (depthOf(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
        throw new BadRequest(`The request body is nested too deeply (${MAX_BODY_DEPTH} levels at most)`)
      }
      return setInitialBody.call(this, body)
    }
    return next()
  }
}

/** Nesting depth of a parsed JSON value, counted iteratively; stops looking once past `limit`. */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length) {
    const [node, depth] = stack.pop()!
    if (node === null || typeof node !== 'object') continue
    const level = depth + 1
    if (level > deepest) deepest = level
    if (deepest > limit) return deepest
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, level])
    }
  }
  return deepest
}
