/**
 * Server-side session rows in PostgreSQL (the `sessions` table), as @adonisjs/session's database
 * store keeps them (same row format), at a fraction of its cost per request:
 *
 * - An unchanged session is not written on every request. The stock store answers each request
 *   that changed nothing with an UPDATE of the row's expiry: a durable write (and its WAL flush)
 *   per page view of every signed-in user. Here the expiry is pushed forward only once it is more
 *   than TOUCH_EVERY_MS old, so an idle session still ends `age` after its last use, give or
 *   take TOUCH_EVERY_MS.
 * - A row this process read or wrote in the last READ_AGAIN_AFTER_MS is not read again. What a
 *   session holds changes only on sign-in and sign-out, and both give the browser a new session
 *   id (the guard regenerates it), so another instance's change arrives under an id this process
 *   has not seen. What must take effect at once everywhere, a sign-out, a revoked session or a
 *   frozen account, is not decided here: session_auth.ts checks the auth_sessions row and the
 *   account in the database on every authenticated request, whatever the session holds.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SessionData, SessionStoreContract, SessionStoreFactory } from '@adonisjs/session/types'
import type { ConfigProvider } from '@adonisjs/core/types'
import { configProvider } from '@adonisjs/core'
import { MessageBuilder } from '@adonisjs/core/helpers'
import string from '@adonisjs/core/helpers/string'

export const TOUCH_EVERY_MS = 5 * 60_000
export const READ_AGAIN_AFTER_MS = 30_000
const REMEMBERED_MAX = 10_000

/** Percentage of writes that also delete expired rows (as the stock store does). */
const GC_PROBABILITY = 2

/** Recently read or written rows, oldest first (a Map keeps insertion order). */
const remembered = new Map<string, { message: string; expiresAt: number; at: number }>()

function remember(sessionId: string, message: string, expiresAt: number) {
  remembered.delete(sessionId)
  remembered.set(sessionId, { message, expiresAt, at: Date.now() })
  if (remembered.size > REMEMBERED_MAX) remembered.delete(remembered.keys().next().value!)
}

export class SessionRowStore implements SessionStoreContract {
  #ttlMs: number
  #readSql: string
  /** the expiry of the row read in this request (a store lives for one request) */
  #expiresAt: number | null = null

  constructor(
    private client: QueryClientContract,
    age: string | number,
    private table = 'sessions'
  ) {
    this.#ttlMs = string.seconds.parse(age) * 1000
    this.#readSql = `SELECT data, expires_at FROM "${table}" WHERE id = ?`
  }

  async #row(sessionId: string) {
    const hit = remembered.get(sessionId)
    if (hit && Date.now() - hit.at < READ_AGAIN_AFTER_MS) return hit
    // a named (prepared) statement: parsed and planned once per connection
    const query = this.client.rawQuery(this.#readSql, [sessionId])
    query.knexQuery.options({ name: `creditdesk_session_read_${this.table}` })
    const row = (await query).rows[0]
    if (!row) {
      remembered.delete(sessionId)
      return null
    }
    const expiresAt = new Date(row.expires_at).getTime()
    remember(sessionId, row.data, expiresAt)
    return { message: row.data as string, expiresAt }
  }

  async read(sessionId: string): Promise<SessionData | null> {
    const row = await this.#row(sessionId)
    if (!row) return null
    if (Date.now() > row.expiresAt) {
      await this.destroy(sessionId)
      return null
    }
    this.#expiresAt = row.expiresAt
    try {
      return new MessageBuilder().verify(row.message, sessionId)
    } catch {
      return null
    }
  }

  async write(sessionId: string, values: SessionData) {
    const expiresAt = new Date(Date.now() + this.#ttlMs)
    const message = new MessageBuilder().build(values, undefined, sessionId)
    await this.client
      .insertQuery()
      .table(this.table)
      .insert({ id: sessionId, data: message, expires_at: expiresAt })
      .knexQuery.onConflict('id')
      .merge(['data', 'expires_at'])
    this.#expiresAt = expiresAt.getTime()
    remember(sessionId, message, this.#expiresAt)
    if (Math.random() * 100 < GC_PROBABILITY) await this.client.from(this.table).where('expires_at', '<=', new Date()).delete()
  }

  async destroy(sessionId: string) {
    remembered.delete(sessionId)
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
    const hit = remembered.get(sessionId)
    if (hit) hit.expiresAt = this.#expiresAt
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
