/** The verify request body `{ key, model, ip }`: three texts, `ip` an IPv4 or IPv6 address. Else 422. */
import { InvalidInput, type FieldError } from '#exceptions/domain_errors'
import { assertOnlyKeys } from '#validators/strict'
import { normaliseIp } from './ip_allowlist.js'
import type { VerifyInput } from './verify_key.js'

const LIMITS = { key: 256, model: 100, ip: 64 } as const

export function readVerifyInput(body: unknown): VerifyInput {
  assertOnlyKeys(body, ['key', 'model', 'ip'])
  const input = body as Record<string, unknown>
  const errors: FieldError[] = []
  for (const field of ['key', 'model', 'ip'] as const) {
    const value = input[field]
    if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS[field]) {
      errors.push({ field, message: `${field} must be a text of 1 to ${LIMITS[field]} characters`, rule: 'string' })
    }
  }
  if (!errors.length && !normaliseIp(input.ip as string)) errors.push({ field: 'ip', message: 'ip must be an IPv4 or IPv6 address', rule: 'ip' })
  if (errors.length) throw new InvalidInput(errors)
  return { key: input.key as string, model: input.model as string, ip: input.ip as string }
}
