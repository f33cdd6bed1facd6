import type { HttpContext } from '@adonisjs/core/http'
import { readVerifyInput } from '#services/api_keys/verify_input'
import { verifyKey } from '#services/api_keys/verify_key'
import { startVerifyCache, verifyCache } from '#services/api_keys/verify_cache'

/**
 * POST /api/internal/keys/verify { key, model, ip } (service token): 200 with
 * `{ ok: true, customer_id, key_id, limits, balance }` or `{ ok: false, code, message }`
 * (services/api_keys/verify_key.ts); a malformed body is a 422. Answered from the in-process
 * cache: no session, no cookie, and no SQL when the key and its customer are cached.
 */
export default class InternalKeysController {
  async verify({ request }: HttpContext) {
    const input = readVerifyInput(request.body())
    await startVerifyCache()
    return verifyKey(verifyCache, input)
  }
}
