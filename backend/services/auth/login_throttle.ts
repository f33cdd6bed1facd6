/**
 * Sign-in throttling: failures lock the (account, IP) pair first (5), the IP across accounts at
 * 30, and the account from every IP only at a much higher count (50, a distributed attack), so
 * guessing is slow without handing anyone a way to lock the owner out. Staff can clear an
 * account's locks (`unlockSignIn`).
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { limiterIn } from '#services/throttle'

export const LOGIN_LIMITS = {
  perPair: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
  perIp: { requests: 30, duration: '15 mins', blockDuration: '15 mins' },
  perAccount: { requests: 50, duration: '15 mins', blockDuration: '15 mins' },
}

/** The limiter keys of one sign-in attempt; `unlockSignIn` rebuilds them to clear a lock. */
export const loginKeys = {
  pair: (kind: string, email: string, ip: string) => `login:${kind}:pair:${email.toLowerCase()}:${ip}`,
  ip: (kind: string, ip: string) => `login:${kind}:ip:${ip}`,
  account: (kind: string, email: string) => `login:${kind}:account:${email.toLowerCase()}`,
}

/** The three limits of one attempt, pair first (a success clears only the pair), counted through `client`. */
export function loginLimits(client: QueryClientContract, kind: string, email: string, ip: string) {
  return [
    { store: limiterIn(client, LOGIN_LIMITS.perPair), key: loginKeys.pair(kind, email, ip) },
    { store: limiterIn(client, LOGIN_LIMITS.perIp), key: loginKeys.ip(kind, ip) },
    { store: limiterIn(client, LOGIN_LIMITS.perAccount), key: loginKeys.account(kind, email) },
  ]
}

/**
 * Clears the sign-in locks of one account: its account-wide counter and the (account, IP)
 * pairs that failed recently. The IPs come from the account's own `login.failed` and
 * `login.locked` audit rows of the last hour (a lock lasts at most 15 minutes after the last
 * failure). The per-IP lock is left alone: it belongs to the address, not to this account.
 */
export async function unlockSignIn(client: QueryClientContract, kind: 'staff' | 'customer', email: string) {
  const rows: Array<{ ip: string }> = await client
    .from('audit_logs')
    .distinct('ip')
    .whereIn('action', ['login.failed', 'login.locked'])
    .where('actor_type', kind)
    .whereRaw('lower(actor_label) = ?', [email.toLowerCase()])
    .where('occurred_at', '>', new Date(Date.now() - 60 * 60 * 1000))
    .whereNotNull('ip')
    .limit(10_000)
  const pairs = limiterIn(client, LOGIN_LIMITS.perPair)
  let pairsCleared = 0
  for (const { ip } of rows) {
    const key = loginKeys.pair(kind, email, ip)
    if (await pairs.get(key)) pairsCleared++
    await pairs.delete(key)
  }
  const account = limiterIn(client, LOGIN_LIMITS.perAccount)
  const accountKey = loginKeys.account(kind, email)
  const accountWasLocked = await account.isBlocked(accountKey)
  await account.delete(accountKey)
  return { pairsCleared, accountWasLocked }
}
