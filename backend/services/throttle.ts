/**
 * Throttling inside a use case's transaction. The app's limiter (config/limiter.ts, the
 * `rate_limits` table) takes a pooled connection per call; a use case that counted attempts
 * through it while holding its transaction would need two connections at once, and enough
 * concurrent callers (ten customers redeeming one code) would exhaust the pool and wait on each
 * other forever. A limiter built on the caller's client reads and writes the same rows with the
 * same keys, through that transaction: its counts commit with the use case's outcome.
 */
import { Limiter } from '@adonisjs/limiter'
import LimiterDatabaseStore from '@adonisjs/limiter/stores/database'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

export type Limits = { requests: number; duration: string | number; blockDuration?: string | number }

export function limiterIn(client: QueryClientContract, limits: Limits) {
  return new Limiter(new LimiterDatabaseStore(client, { tableName: 'rate_limits', clearExpiredByTimeout: false, ...limits }))
}
