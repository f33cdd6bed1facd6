/**
 * The RPM/TPM part of verify. A key's own limits apply to its own traffic; the customer's
 * effective limits (tier, negotiated terms or override: customers.rpm_limit / tpm_limit) apply to
 * all their keys together, so the stricter of the two binds. NULL is unlimited.
 *
 * - RPM: a verify that passes every check is one request in the minute's window of its key and
 *   of its customer (only where a limit applies); the next one over the limit is refused.
 * - TPM: tokens reported by usage ingestion (usage_tokens.ts) fill the token windows; a verify is
 *   refused while the tokens of the last minute have reached the limit, so a burst that exceeds
 *   TPM is refused on the next verify, until enough of it has left the window.
 *
 * When the windows cannot answer (Redis down), verify admits and says so in the log: a limit is
 * a guard against overuse, and the platform's calls must not stop with it.
 */
import logger from '@adonisjs/core/services/logger'
import type { SlidingWindows, WindowCheck } from './windows.js'

export type RateLimits = { rpm: number | null; tpm: number | null }
export type RateRefusal = { message: string; retryAfterMs: number }

export const subjects = {
  keyRequests: (id: number) => `k:${id}:r`,
  keyTokens: (id: number) => `k:${id}:t`,
  customerRequests: (id: number) => `c:${id}:r`,
  customerTokens: (id: number) => `c:${id}:t`,
}

type Named = { scope: 'key' | 'account'; kind: 'requests' | 'tokens'; limit: number }

export async function admitVerify(windows: SlidingWindows, keyId: number, key: RateLimits, customerId: number, customer: RateLimits, now: number): Promise<RateRefusal | null> {
  if (key.rpm === null && key.tpm === null && customer.rpm === null && customer.tpm === null) return null
  const checks: WindowCheck[] = []
  const named: Named[] = []
  const check = (subject: string, limit: number | null, add: number, scope: Named['scope'], kind: Named['kind']) => {
    if (limit === null) return
    checks.push({ subject, limit, add })
    named.push({ scope, kind, limit })
  }
  check(subjects.keyRequests(keyId), key.rpm, 1, 'key', 'requests')
  check(subjects.keyTokens(keyId), key.tpm, 0, 'key', 'tokens')
  check(subjects.customerRequests(customerId), customer.rpm, 1, 'account', 'requests')
  check(subjects.customerTokens(customerId), customer.tpm, 0, 'account', 'tokens')

  let admission
  try {
    admission = await windows.admit(checks, now)
  } catch (error) {
    unavailable(error)
    return null
  }
  if (admission.ok) return null
  const which = named[admission.index]
  const seconds = Math.ceil(admission.retryAfterMs / 1000)
  const whose = which.scope === 'key' ? "This key's" : "The account's"
  return {
    message: `${whose} limit of ${which.limit.toLocaleString('en-US')} ${which.kind} per minute is reached; retry in ${seconds} s`,
    retryAfterMs: admission.retryAfterMs,
  }
}

let warnedAt = 0
function unavailable(error: unknown) {
  if (Date.now() - warnedAt < 10_000) return
  warnedAt = Date.now()
  logger.warn({ err: error }, 'rate-limit windows unavailable: verify admits without counting')
}
