import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'
import type { InferConnections } from '@adonisjs/redis/types'

/**
 * Redis is optional: only when `REDIS_URL` is set (`redis://[user:password@]host:port[/db]`,
 * `rediss://` for TLS) do the rate-limit windows live there, shared by every instance
 * (backend/services/rate_limit). Without it nothing connects: the `main` connection is only
 * created by its first use, and nothing uses it.
 *
 * A command waits at most 500 ms and is retried once while reconnecting, so a Redis outage
 * slows a verify by that much at worst (verify then admits without counting; see rate_limit/main.ts).
 */
function fromUrl(text: string | undefined) {
  if (!text) return { host: '127.0.0.1', port: 6379, lazyConnect: true }
  const url = new URL(text)
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number(url.pathname.slice(1) || 0),
    tls: url.protocol === 'rediss:' ? {} : undefined,
  }
}

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      ...fromUrl(env.get('REDIS_URL')),
      keyPrefix: '',
      commandTimeout: 500,
      maxRetriesPerRequest: 1,
      retryStrategy(times: number) {
        return Math.min(times * 200, 5000)
      },
    },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
