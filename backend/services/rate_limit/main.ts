/**
 * This process's sliding windows: in Redis when `REDIS_URL` is set (every instance on the same
 * Redis and database shares them), else in this process (the embedded default, one instance).
 * Nothing connects to Redis without `REDIS_URL`.
 *
 * Redis keys start with `creditdesk:<database>:<cluster id>:`: the database's name and its
 * PostgreSQL cluster's system identifier, read once. Instances of one database share counters
 * whatever host name they reach it by; two databases (a test cluster, another environment) on
 * one Redis never do.
 */
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { MemoryWindows } from './memory_windows.js'
import { RedisWindows } from './redis_windows.js'
import type { SlidingWindows } from './windows.js'

let current: SlidingWindows | null = null

export function rateWindows(): SlidingWindows {
  return (current ??= env.get('REDIS_URL') ? redisWindows() : new MemoryWindows())
}

/** Replaces this process's windows (tests, the benchmark); null goes back to what REDIS_URL says. */
export function useRateWindows(windows: SlidingWindows | null) {
  current = windows
}

/** Windows on the app's Redis connection (config/redis.ts). */
export function redisWindows() {
  return new RedisWindows(async () => {
    const { default: redis } = await import('@adonisjs/redis/services/main')
    return redis.connection().ioConnection
  }, databaseIdentity)
}

/** `creditdesk:<database>:<system identifier>:`; the name alone where the role may not read the control data. */
export async function databaseIdentity(): Promise<string> {
  const name = (await db.rawQuery('SELECT current_database() AS name')).rows[0].name as string
  let cluster = ''
  try {
    cluster = (await db.rawQuery('SELECT system_identifier::text AS id FROM pg_control_system()')).rows[0].id
  } catch {
    // a role without EXECUTE on pg_control_system(): the database name keeps databases apart
  }
  return `creditdesk:${name}:${cluster ? `${cluster}:` : ''}`
}
