/**
 * Server-side session rows in PostgreSQL (the `sessions` table), as @adonisjs/session's database
 * store keeps them (same row format), except that an unchanged session is not written on every
 * request. The stock store answers each request that changed nothing with an UPDATE of the row's
 * expiry: a durable write (and its WAL flush) per page view of every signed-in user. Here the
 * expiry is pushed forward only once it is more than TOUCH_EVERY old, so an idle session still
 * ends `age` after its last use, give or take TOUCH_EVERY.
 *
 * Signing out, freezing an account and revoking sessions delete rows or revoke their
 * auth_sessions entry (session_auth.ts checks it on every request); neither depends on the expiry.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SessionData, SessionStoreContract, SessionStoreFactory } from '@adonisjs/session/types'
import type { ConfigProvider } from '@adonisjs/core/types'
import { configProvider } from '@adonisjs/core'
import { MessageBuilder } from '@adonisjs/core/helpers'
import string from '@adonisjs/core/helpers/string'

export const TOUCH_EVERY_MS = 5 * 60_000

/** Percentage of writes that also delete expired rows (as the stock store does). */
const GC_PROBABILITY = 2

export class SessionRowStore implements SessionStoreContract {
  #ttlMs: number
  /** the expiry of the row read in this request (a store lives for one request) */
  #expiresAt: number | null = null

  constructor(
    private client: QueryClientContract,
    age: string | number,
    private table = 'sessions'
  ) {
    this.#ttlMs = string.seconds.parse(age) * 1000
  }

  async read(sessionId: string): Promise<SessionData | null> {
    const row = await this.client.from(this.table).where('id', sessionId).select('data', 'expires_at').first()
    if (!row) return null
    const expiresAt = new Date(row.expires_at).getTime()
    if (Date.now() > expiresAt) {
      await this.destroy(sessionId)
      return null
    }
    this.#expiresAt = expiresAt
    try {
      return new MessageBuilder().verify(row.data, sessionId)
    } catch {
      return null
    }
  }

  async write(sessionId: string, values: SessionData) {
    const expiresAt = new Date(Date.now() + this.#ttlMs)
    await this.client
      .insertQuery()
      .table(this.table)
      .insert({ id: sessionId, data: new MessageBuilder().build(values, undefined, sessionId), expires_at: expiresAt })
      .knexQuery.onConflict('id')
      .merge(['data', 'expires_at'])
    this.#expiresAt = expiresAt.getTime()
    if (Math.random() * 100 < GC_PROBABILITY) await this.client.from(this.table).where('expires_at', '<=', new Date()).delete()
  }

  async destroy(sessionId: string) {
    await this.client.from(this.table).where('id', sessionId).delete()
    this.#expiresAt = null
  }

  /** Pushes the expiry forward only when it was last pushed more than TOUCH_EVERY_MS ago. */
  async touch(sessionId: string) {
    const lastTouched = this.#expiresAt === null ? null : this.#expiresAt - this.#ttlMs
    if (lastTouched !== null && Date.now() - lastTouched < TOUCH_EVERY_MS) return
    const expiresAt = new Date(Date.now() + this.#ttlMs)
    await this.client.from(this.table).where('id', sessionId).update({ expires_at: expiresAt })
    this.#expiresAt = expiresAt.getTime()
  }
}

/** For config/session.ts, in place of `stores.database()`. */
export function sessionRows(options: { tableName?: string; connectionName?: string } = {}): ConfigProvider<SessionStoreFactory> {
  return configProvider.create(async (app) => {
    const db = await app.container.make('lucid.db')
    const connection = options.connectionName ?? db.primaryConnectionName
    return (_ctx, config) => new SessionRowStore(db.connection(connection), config.age, options.tableName)
  })
}
