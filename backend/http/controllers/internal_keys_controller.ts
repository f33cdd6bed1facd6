import type { HttpContext } from '@adonisjs/core/http'
import { readVerifyInput } from '#services/api_keys/verify_input'
import { verifyKey } from '#services/api_keys/verify_key'
import { startVerifyCache, verifyCache } from '#services/api_keys/verify_cache'
import { verifyOutcomes } from '#services/api_keys/verify_outcomes'

/**
 * POST /api/internal/keys/verify { key, model, ip } (service token): 200 with
 * `{ ok: true, customer_id, key_id, limits, balance }` or `{ ok: false, code, message }`
 * (services/api_keys/verify_key.ts); RATE_LIMITED also carries `retry_after_ms` and a
 * `Retry-After` header (whole seconds, rounded up). A malformed body is a 422. Answered from the
 * in-process cache: no session, no cookie, and no SQL when the key and its customer are cached.
 * Each answer is counted by outcome (verify_outcomes.ts) for the risk interception rate.
 */
export default class InternalKeysController {
  async verify({ request, response }: HttpContext) {
    const input = readVerifyInput(request.body())
    await startVerifyCache()
    const answer = await verifyKey(verifyCache, input)
    verifyOutcomes.count(answer.ok ? 'OK' : answer.code)
    if (!answer.ok && answer.code === 'RATE_LIMITED') response.header('Retry-After', String(Math.ceil(answer.retry_after_ms / 1000)))
    return answer
  }
}
