/**
 * Upstream provider keys: stored encrypted with the app's encryption (APP_KEY, bound to this
 * purpose so the text cannot be replayed as a cookie or another secret), listed by a short
 * prefix, due for rotation every 30 days; a rotated key keeps working for a 7-day overlap.
 */
import encryption from '@adonisjs/core/services/encryption'
import { InvalidInput } from '#exceptions/domain_errors'

const PURPOSE = 'upstream-key'
export const ROTATION_DAYS = 30
export const OVERLAP_DAYS = 7
const DAY_MS = 86_400_000

export const daysFrom = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS)

/** The secret as typed: no spaces, 16 to 4,096 characters (short enough keys would be told by their prefix). */
export function checkSecret(field: string, value: unknown): string {
  const secret = typeof value === 'string' ? value.trim() : ''
  if (secret.length < 16 || secret.length > 4096 || /\s/.test(secret)) {
    throw new InvalidInput([{ field, message: 'The key must be 16 to 4,096 characters without spaces', rule: 'secret' }])
  }
  return secret
}

/** What is stored of a secret: its ciphertext and the first 8 characters to recognise it by. */
export function sealSecret(secret: string) {
  return { secret_encrypted: encryption.encrypt(secret, { purpose: PURPOSE }), prefix: `${secret.slice(0, 8)}…` }
}

export function openSecret(stored: string): string {
  const secret = encryption.decrypt<string>(stored, PURPOSE)
  if (typeof secret !== 'string') throw new Error('An upstream key could not be decrypted (was APP_KEY changed?)')
  return secret
}

/** The column values of a new key of `channelId`, due for rotation in 30 days. */
export function newKeyValues(channelId: string | number, name: string, secret: string, createdBy: number | null, now = new Date()) {
  return { channel_id: channelId, name, ...sealSecret(secret), status: 'active', rotation_due_at: daysFrom(now, ROTATION_DAYS), created_by: createdBy }
}
