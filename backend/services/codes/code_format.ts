/**
 * What a redemption code looks like and how it is kept: shared by generation, lookup and
 * redemption (not a use case of its own).
 *
 * - Format `PREFIX-XXXX-XXXX`: 8 characters from 32 (uppercase letters and digits without the
 *   look-alikes 0 O 1 I), drawn from the OS CSPRNG — 40 bits per code.
 * - Storage: HMAC-SHA256 of the normalised code under a server key (CODE_HASH_KEY, else a key
 *   derived from APP_KEY), so a copy of the database cannot be turned back into codes, while
 *   typing a code in full finds it. Only the prefix and the last 4 characters are kept in clear.
 * - Input is forgiving: case, spaces and missing dashes do not matter ("veo abcd efgh",
 *   "VEOABCDEFGH"), and a code typed without its prefix gets the configured one.
 */
import { createHmac, randomBytes } from 'node:crypto'
import creditdesk from '#config/creditdesk'
import env from '#start/env'
import type { RedemptionCodeRow } from './rows.js'

export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const BODY = new RegExp(`^[${CODE_ALPHABET}]{8}$`)
const HASH_CONTEXT = 'creditdesk/redemption-codes/v1'

let key: Buffer | undefined
function hashKey() {
  if (key) return key
  const explicit = env.get('CODE_HASH_KEY')
  key = explicit ? Buffer.from(explicit) : createHmac('sha256', env.get('APP_KEY').release()).update(HASH_CONTEXT).digest()
  return key
}

export function codePrefix() {
  return creditdesk.codes.prefix.toUpperCase()
}

/** A fresh code, e.g. VEO-7KQ3-MZ8P. 256 is a multiple of 32, so `byte & 31` is unbiased. */
export function newCode(prefix = codePrefix()) {
  const body = [...randomBytes(8)].map((b) => CODE_ALPHABET[b & 31]).join('')
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}`
}

/** A short random tag from the same alphabet (batch ids). */
export function randomTag(length: number) {
  return [...randomBytes(length)].map((b) => CODE_ALPHABET[b & 31]).join('')
}

/**
 * The canonical form of what someone typed, or null when it cannot be a code at all.
 * Everything but letters and digits is dropped; the last 8 characters are the body and
 * whatever comes before them is the prefix.
 */
export function normaliseCode(input: string): { code: string; prefix: string; body: string } | null {
  if (typeof input !== 'string' || input.length > 64) return null
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, '')
  if (!/^[A-Z0-9]{8,24}$/.test(compact)) return null
  const body = compact.slice(-8)
  const prefix = compact.slice(0, -8) || codePrefix()
  if (!BODY.test(body)) return null
  return { code: `${prefix}-${body.slice(0, 4)}-${body.slice(4)}`, prefix, body }
}

/** HMAC-SHA256 (hex) of a normalised code: the only form in which a code is stored. */
export function hashCode(normalisedCode: string) {
  return createHmac('sha256', hashKey()).update(normalisedCode).digest('hex')
}

/** How a stored code is shown: the prefix and last 4 characters, never more. */
export function maskedCode(row: Pick<RedemptionCodeRow, 'prefix' | 'last4'> | Record<string, any>) {
  return `${row.prefix}-••••-${row.last4}`
}
