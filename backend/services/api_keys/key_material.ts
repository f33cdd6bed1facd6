/**
 * Customer API key material: `cd_<prefix>_<secret>`, both parts base58 (no 0 O I l, no
 * separator inside a part). The prefix (8 characters) is unique and stays visible; the secret is
 * 32 random bytes. Only the SHA-256 of the whole key is stored, so a key is shown once and can
 * never be recovered — a lost key is rolled, not revealed.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto'

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
export const PREFIX_LENGTH = 8

/** Base58 (Bitcoin alphabet) of a byte string, leading zero bytes kept as '1'. */
export function base58(bytes: Uint8Array): string {
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  let out = ''
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out
    n /= 58n
  }
  for (const b of bytes) {
    if (b !== 0) break
    out = '1' + out
  }
  return out
}

export function newPrefix(): string {
  let prefix = ''
  for (let i = 0; i < PREFIX_LENGTH; i++) prefix += ALPHABET[randomInt(58)]
  return prefix
}

/** SHA-256 hex of the full key as the gateway sends it: the only form the database holds. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

/** A fresh key: the full text (shown once), its visible prefix and its stored hash. */
export function newKey(prefix = newPrefix()) {
  const key = `cd_${prefix}_${base58(randomBytes(32))}`
  return { key, prefix, hash: hashKey(key) }
}
