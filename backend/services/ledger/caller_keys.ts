/**
 * Idempotency keys are a namespace the system uses itself (`recharge:order:13`, `redeem:17`,
 * `provider_refund:re_…`). A key chosen by an outside caller is stored as
 * `ext:<caller>:<key>`, so no outside key can ever equal an internal one and block the
 * internal operation. A key too long to fit with its prefix is stored as its SHA-256 (still
 * one key per caller key).
 */
import { createHash } from 'node:crypto'

const MAX_KEY = 200

export function callerKey(caller: string, key: string) {
  const prefix = `ext:${caller}:`
  if (prefix.length + key.length <= MAX_KEY) return `${prefix}${key}`
  return `${prefix}sha256:${createHash('sha256').update(key).digest('hex')}`
}
