/**
 * The verify decision (`POST /api/internal/keys/verify`): the key, then the model and the
 * caller's address, then the key's spend caps, then the customer's funds. Reads only the verify
 * cache; a refusal is an answer, not an error, and is not audited per call (it is the gateway's
 * hot path; the gateway logs its own refusals).
 *
 * Refusal codes (VERIFY_REFUSALS), in the order they are checked:
 *   INVALID_KEY        no such key, or a deleted one
 *   LOCKED             locked by staff (leak lock)
 *   DISABLED           disabled by the customer or staff
 *   EXPIRED            past its expiry (a rolled key after its overlap)
 *   MODEL_NOT_ALLOWED  the key names its models and this is not one
 *   IP_NOT_ALLOWED     the key has an IP allowlist and the caller's address is outside it
 *   SPEND_CAP_REACHED  today's (UTC) or this month's spend of the key reached its cap
 *   MEMBER_CAP_REACHED an organization's key: this month's spend of the keys assigned to its
 *                      member reached the member's monthly cap
 *   BILL_OVERDUE       the account is suspended for an overdue bill
 *   INSUFFICIENT_FUNDS cash + gift (+ a postpaid account's credit limit) ≤ 0, or the customer
 *                      owes arrears, or is frozen
 *   RATE_LIMITED       the key's or the account's requests or tokens per minute are used up
 *                      (services/rate_limit/verify_limits.ts); `retry_after_ms` says when one fits
 *
 * An answer's `limits` are the key's own settings; the account's limits apply on top of them.
 */
import { VERIFY_REFUSALS, type VerifyRefusal } from '#contract/usage'
import { hashKey } from './key_material.js'
import { ipAllowed } from './ip_allowlist.js'
import { lastUsed } from './last_used.js'
import type { KeyLimits, VerifyCache } from './verify_cache.js'
import { rateWindows } from '#services/rate_limit/main'
import { admitVerify } from '#services/rate_limit/verify_limits'
import type { SlidingWindows } from '#services/rate_limit/windows'

export type VerifyInput = { key: string; model: string; ip: string }
export type VerifyAnswer =
  | { ok: true; customer_id: number; key_id: number; limits: KeyLimits; balance: string }
  | { ok: false; code: Exclude<VerifyRefusal, 'RATE_LIMITED'>; message: string }
  | { ok: false; code: 'RATE_LIMITED'; message: string; retry_after_ms: number }

const MESSAGES = Object.fromEntries(VERIFY_REFUSALS.map((r) => [r.value, r.label.en])) as Record<VerifyRefusal, string>
const NO_SPEND = { today: 0n, month: 0n }

const refuse = (code: Exclude<VerifyRefusal, 'RATE_LIMITED'>, message = MESSAGES[code]): VerifyAnswer => ({ ok: false, code, message })

export async function verifyKey(cache: VerifyCache, input: VerifyInput, now = Date.now(), windows: SlidingWindows = rateWindows()): Promise<VerifyAnswer> {
  const key = await cache.key(hashKey(input.key), now)
  if (!key || key.deleted) return refuse('INVALID_KEY')
  if (key.status === 'locked') return refuse('LOCKED')
  if (key.status === 'disabled') return refuse('DISABLED')
  if (key.expiresAt !== null && key.expiresAt <= now) return refuse('EXPIRED')
  if (key.models && !key.models.has(input.model)) return refuse('MODEL_NOT_ALLOWED')
  if (!ipAllowed(key.ips, input.ip)) return refuse('IP_NOT_ALLOWED')

  const customer = await cache.customer(key.customerId, now)
  const spend = customer.spend.get(key.id) ?? NO_SPEND
  if (key.dailyCap !== null && spend.today >= key.dailyCap) return refuse('SPEND_CAP_REACHED', 'Daily spend cap reached (resets at 00:00 UTC)')
  if (key.monthlyCap !== null && spend.month >= key.monthlyCap) return refuse('SPEND_CAP_REACHED', 'Monthly spend cap reached (resets on the 1st, 00:00 UTC)')
  const member = key.memberId === null ? undefined : customer.memberCaps.get(key.memberId)
  if (member && member.month >= member.cap) return refuse('MEMBER_CAP_REACHED', 'The member’s monthly spend cap is reached (resets on the 1st, 00:00 UTC)')
  if (customer.suspended) return refuse('BILL_OVERDUE')
  if (customer.frozen) return refuse('INSUFFICIENT_FUNDS', 'The account is frozen')
  if (customer.owed > 0n) return refuse('INSUFFICIENT_FUNDS', 'The account owes arrears; a recharge settles them')
  if (customer.spendable <= 0n) return refuse('INSUFFICIENT_FUNDS', 'The balance is used up')

  const limited = await admitVerify(windows, key.id, key.limits, key.customerId, customer.limits, now)
  if (limited) return { ok: false, code: 'RATE_LIMITED', message: limited.message, retry_after_ms: limited.retryAfterMs }

  lastUsed.touch(key.id, now)
  return { ok: true, customer_id: key.customerId, key_id: key.id, limits: key.limits, balance: customer.balance }
}
