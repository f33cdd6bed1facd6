/**
 * Signed cookies (the session id) are checked and signed again on every request. The framework's
 * verifier (@boringnode/encryption's MessageVerifier) computes HMAC-SHA256 with a Buffer key,
 * and on Node 24 preparing a Buffer key for each HMAC costs about five times the HMAC itself;
 * its constant-time comparison computes two more HMACs. Together that was a fifth of the CPU
 * time of a signed-in request.
 *
 * This verifier produces and accepts exactly the same strings (`base64url(message).mac`, the
 * same keys derived from the same secrets in the same order, so cookies signed before or by
 * another instance stay valid), but holds its keys as KeyObjects, compares with
 * timingSafeEqual, and remembers the MAC of messages it signed or verified recently: a browser
 * sends the same signed session cookie on every request. Only MACs that verified are remembered,
 * so nobody can fill the memory with guesses; the message itself (purpose, expiry) is checked
 * every time.
 */
import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import { MessageBuilder } from '@adonisjs/core/helpers'
import { RuntimeException } from '@adonisjs/core/exceptions'
import { configProvider } from '@adonisjs/core'
import { Encryption } from '@adonisjs/core/encryption'
import app from '@adonisjs/core/services/app'

const REMEMBERED_MAX = 10_000

function base64UrlEncode(data: string | Buffer) {
  return Buffer.from(data).toString('base64url')
}

/** Strict, as the framework's: only canonical base64url decodes. */
function base64UrlDecode(encoded: string) {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) return null
  const buffer = Buffer.from(encoded, 'base64url')
  return base64UrlEncode(buffer) === encoded ? buffer.toString('utf8') : null
}

export class KeyedMessageVerifier {
  #keys: KeyObject[]
  /** MAC under the first key of recently signed or verified messages, oldest first */
  #macs = new Map<string, string>()

  constructor(secrets: Array<string | { release(): string }>) {
    if (!secrets.length) throw new RuntimeException('Signing needs at least one secret')
    this.#keys = secrets.map((secret) => {
      const revealed = typeof secret === 'string' ? secret : secret.release()
      if (!revealed || revealed.length < 16) throw new RuntimeException('Signing secrets must be at least 16 characters')
      return createSecretKey(createHash('sha256').update(revealed).digest())
    })
  }

  #mac(key: KeyObject, value: string) {
    return base64UrlEncode(createHmac('sha256', key).update(value).digest())
  }

  #remember(encoded: string, mac: string) {
    this.#macs.delete(encoded)
    this.#macs.set(encoded, mac)
    if (this.#macs.size > REMEMBERED_MAX) this.#macs.delete(this.#macs.keys().next().value!)
  }

  sign(payload: any, expiresIn?: string | number, purpose?: string) {
    if (payload === null || payload === undefined) throw new RuntimeException(`Cannot sign "${payload}" value`)
    const encoded = base64UrlEncode(new MessageBuilder().build(payload, expiresIn, purpose))
    let mac = this.#macs.get(encoded)
    if (!mac) {
      mac = this.#mac(this.#keys[0], encoded)
      this.#remember(encoded, mac)
    }
    return `${encoded}.${mac}`
  }

  unsign<T = any>(payload: unknown, purpose?: string): T | null {
    if (typeof payload !== 'string') return null
    const parts = payload.split('.')
    if (parts.length !== 2 || !parts[0] || !parts[1]) return null
    const [encoded, mac] = parts
    const decoded = base64UrlDecode(encoded)
    if (decoded === null) return null
    const given = Buffer.from(mac)
    const same = (expected: string) => {
      const wanted = Buffer.from(expected)
      return wanted.length === given.length && timingSafeEqual(wanted, given)
    }
    const remembered = this.#macs.get(encoded)
    let valid = remembered !== undefined && same(remembered)
    if (!valid) {
      valid = this.#keys.some((key, index) => {
        const expected = this.#mac(key, encoded)
        if (!same(expected)) return false
        if (index === 0) this.#remember(encoded, expected)
        return true
      })
    }
    return valid ? new MessageBuilder().verify(decoded, purpose) : null
  }
}

/**
 * Puts the verifier in place of the framework's on the application's Encryption instance (the
 * one the HTTP server, the session and the shield share), with the secrets config/encryption.ts
 * gives its default encrypter. Called once, from the HTTP kernel.
 */
export async function installKeyedVerifier() {
  const config = await configProvider.resolve<any>(app, app.config.get('encryption'))
  const secrets = config?.list?.[config.default]?.keys
  if (!secrets?.length) throw new RuntimeException('config/encryption.ts names no keys for its default encrypter')
  const encryption = await app.container.make(Encryption)
  const verifier = new KeyedMessageVerifier(secrets)
  Object.defineProperty(encryption, 'getMessageVerifier', { value: () => verifier })
}
