/**
 * Clears the sign-in locks of one account: its account-wide counter and the (account, IP)
 * pairs that failed recently. The IPs come from the account's own `login.failed` and
 * `login.locked` audit rows of the last hour (a lock lasts at most 15 minutes after the last
 * failure). The per-IP lock is left alone: it belongs to the address, not to this account.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import limiter from '@adonisjs/limiter/services/main'
import { LOGIN_LIMITS, loginKeys } from './sign_in.js'

export async function unlockSignIn(client: QueryClientContract, kind: 'staff' | 'customer', email: string) {
  const rows = await client
    .from('audit_logs')
    .distinct('ip')
    .whereIn('action', ['login.failed', 'login.locked'])
    .where('actor_type', kind)
    .whereRaw('lower(actor_label) = ?', [email.toLowerCase()])
    .where('occurred_at', '>', new Date(Date.now() - 60 * 60 * 1000))
    .whereNotNull('ip')
    .limit(10_000)
  const pairs = limiter.use(LOGIN_LIMITS.perPair)
  let pairsCleared = 0
  for (const { ip } of rows) {
    const key = loginKeys.pair(kind, email, ip)
    if (await pairs.get(key)) pairsCleared++
    await pairs.delete(key)
  }
  const account = limiter.use(LOGIN_LIMITS.perAccount)
  const accountKey = loginKeys.account(kind, email)
  const accountWasLocked = await account.isBlocked(accountKey)
  await account.delete(accountKey)
  return { pairsCleared, accountWasLocked }
}
