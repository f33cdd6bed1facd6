import type { IncomingMessage } from 'node:http'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import bodyParserConfig from '#config/bodyparser'
import { BadRequest } from '#exceptions/domain_errors'

/** Deepest nesting of arrays and objects a request body may have. Our bodies need 4 or 5. */
export const MAX_BODY_DEPTH = 32

const tooDeep = () => new BadRequest(`The request body is nested too deeply (${MAX_BODY_DEPTH} levels at most)`)

/**
 * Registered just before the body parser, on every route. Everything after the raw bytes is
 * recursive: the JSON parser's reviver (it trims strings), `request.setInitialBody` (a deep
 * clone), validators and guards; 100,000 levels overflow the stack. So the depth is counted on
 * the bytes as the parser reads them, and the parser fails with a clear 400 at level 33, before
 * any of that runs. A compressed body cannot be counted on the wire: its parsed document is
 * measured (iteratively) before it is stored on the request.
 */
export default class BodyDepthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const request = ctx.request
    const encoding = request.header('content-encoding') ?? 'identity'
    if (request.hasBody() && request.is(bodyParserConfig.json.types ?? []) && encoding === 'identity') {
      countWhileRead(request.request)
    }
    const setInitialBody = request.setInitialBody
    request.setInitialBody = function (body: Record<string, any>) {
      if (depthOf(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) throw tooDeep()
      return setInitialBody.call(this, body)
    }
    return next()
  }
}

/**
 * Counts bracket depth in the body bytes alongside the parser's own reader: a listener is added
 * when the reader subscribes, so both see every chunk. Past the limit, the stream reports an
 * error, which the parser's reader answers by failing the read with it; the rest of the body is
 * read and dropped (a client still sending would otherwise see its connection reset).
 */
function countWhileRead(req: IncomingMessage) {
  const on = req.on
  req.on = req.addListener = function (this: IncomingMessage, event: string | symbol, listener: (...args: any[]) => void) {
    if (event === 'data') {
      req.on = req.addListener = on
      const feed = depthCounter(MAX_BODY_DEPTH)
      const watch = (chunk: Buffer | string) => {
        if (feed(chunk)) return
        req.off('data', watch)
        if (req.listenerCount('error') > 0) req.emit('error', tooDeep())
        discardRest(req)
      }
      on.call(this, 'data', watch)
    }
    return on.call(this, event, listener)
  } as typeof req.on
}

/** Bytes read and dropped after a refusal, so the client finishes sending and reads the 400. */
const DRAIN_LIMIT = 1024 * 1024

function discardRest(req: IncomingMessage) {
  let drained = 0
  req.on('data', (chunk: Buffer | string) => {
    drained += chunk.length
    if (drained > DRAIN_LIMIT) req.socket.destroy()
  })
  req.resume()
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPENS = new Set([0x5b, 0x7b])
const CLOSES = new Set([0x5d, 0x7d])

/** A JSON bracket counter fed chunk by chunk; returns false once the depth passes `limit`. */
export function depthCounter(limit: number) {
  let depth = 0
  let inString = false
  let escaped = false
  return (chunk: Buffer | string) => {
    const text = typeof chunk === 'string'
    for (let i = 0; i < chunk.length; i++) {
      const c = text ? (chunk as string).charCodeAt(i) : (chunk as Buffer)[i]
      if (inString) {
        if (escaped) escaped = false
        else if (c === BACKSLASH) escaped = true
        else if (c === QUOTE) inString = false
      } else if (c === QUOTE) inString = true
      else if (OPENS.has(c)) {
        if (++depth > limit) return false
      } else if (CLOSES.has(c)) depth--
    }
    return true
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
