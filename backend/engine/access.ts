/**
 * The caller's permissions as the engine asks for them while shaping one response (may they
 * see this target's sensitive title?), each question asked once per request.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { perform } from '#abilities/main'
import type { Access } from './labels.js'

export function accessOf(ctx: HttpContext): Access {
  const asked = new Map<string, Promise<boolean>>()
  return {
    allows(resource, action) {
      const key = `${resource}:${action}`
      if (!asked.has(key)) asked.set(key, ctx.bouncer.allows(perform, resource, action))
      return asked.get(key)!
    },
  }
}
