/**
 * `api_keys.last_used_at` from verifies, without a write per verify: a key is marked at most
 * once a minute per process, and the marks are written together, one UPDATE a second at most.
 * Never moves a time backwards (usage ingestion writes it too).
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'

const EVERY_MS = 60_000
const FLUSH_AFTER_MS = 1_000

export class LastUsedRecorder {
  #marked = new Map<number, number>()
  #pending = new Map<number, number>()
  #timer: NodeJS.Timeout | null = null

  touch(keyId: number, now: number) {
    const last = this.#marked.get(keyId)
    if (last !== undefined && now - last < EVERY_MS) return
    this.#marked.set(keyId, now)
    this.#pending.set(keyId, now)
    if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), FLUSH_AFTER_MS)
      this.#timer.unref()
    }
  }

  async flush() {
    this.#timer = null
    if (this.#pending.size === 0) return
    const ids = [...this.#pending.keys()]
    const times = ids.map((id) => new Date(this.#pending.get(id)!).toISOString())
    this.#pending.clear()
    if (this.#marked.size > 100_000) this.#marked.clear()
    try {
      await db.rawQuery(
        `UPDATE api_keys k SET last_used_at = v.at FROM unnest(?::bigint[], ?::timestamptz[]) AS v(id, at)
          WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.at)`,
        [ids, times]
      )
    } catch (error) {
      logger.warn({ err: error }, 'could not record when API keys were last used')
    }
  }

  stop() {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#pending.clear()
  }
}

export const lastUsed = new LastUsedRecorder()
