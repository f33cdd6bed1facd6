/**
 * Idempotency keys are a namespace the system uses itself (`recharge:order:13`, `redeem:17`,
 * `provider_refund:re_…`). A key chosen by an outside caller is stored as
 * `ext:<caller>:<key>`, so no outside key can ever equal an internal one and block the
 * internal operation. A key too long to fit with its prefix is stored as its SHA-256 (still
 * one key per caller key).
 */
import { createHash } from 'node:crypto'
import { BadRequest } from '#exceptions/domain_errors'

const MAX_KEY = 200

export function callerKey(caller: string, key: string) {
  const prefix = `ext:${caller}:`
  if (prefix.length + key.length <= MAX_KEY) return `${prefix}${key}`
  return `${prefix}sha256:${createHash('sha256').update(key).digest('hex')}`
}

/**
 * A staff member's key for one submission of a console form (the `Idempotency-Key` header the
 * console sends, one per dialog), scoped to the operation and the staff member: a double click
 * replays the first submission, and no one else's key can collide with it.
 */
export function staffKey(staffId: number | null, operation: string, key: string) {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new BadRequest('The Idempotency-Key header must be 1 to 255 printable characters without spaces')
  }
  return callerKey(`staff:${staffId ?? 0}:${operation}`, key)
}
