/**
 * How many verifies answered ok or refused, per UTC hour and code ('OK' or the refusal code),
 * for the reports' risk interception rate (verify_outcomes_hourly, migration 0054). Counted in
 * memory on the hot path (no SQL per verify) and added to the table every ~5 s and when the app
 * stops, one upsert for everything pending; each instance adds its own counts. A flush that fails
 * keeps its counts for the next one.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'

const FLUSH_AFTER_MS = 5_000
const HOUR_MS = 3_600_000

export class VerifyOutcomes {
  #pending = new Map<string, number>()
  #timer: NodeJS.Timeout | null = null
  #flushing: Promise<void> | null = null

  count(code: string, now = Date.now()) {
    const key = `${now - (now % HOUR_MS)}|${code}`
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1)
    if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), FLUSH_AFTER_MS)
      this.#timer.unref()
    }
  }

  /** Adds what is pending to the table (waits for a flush already running first). */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#flushing
    if (this.#pending.size === 0) return
    const batch = this.#pending
    this.#pending = new Map()
    this.#flushing = this.#write(batch).finally(() => (this.#flushing = null))
    return this.#flushing
  }

  async #write(batch: Map<string, number>) {
    const buckets: string[] = []
    const codes: string[] = []
    const counts: number[] = []
    for (const [key, n] of [...batch].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [at, code] = key.split('|')
      buckets.push(new Date(Number(at)).toISOString())
      codes.push(code)
      counts.push(n)
    }
    try {
      await db.rawQuery(
        `INSERT INTO verify_outcomes_hourly (bucket, code, count)
         SELECT * FROM unnest(?::timestamptz[], ?::varchar[], ?::bigint[])
         ON CONFLICT (bucket, code) DO UPDATE SET count = verify_outcomes_hourly.count + EXCLUDED.count`,
        [buckets, codes, counts]
      )
    } catch (error) {
      for (const [key, n] of batch) this.#pending.set(key, (this.#pending.get(key) ?? 0) + n)
      logger.warn({ err: error }, 'could not record verify outcomes')
    }
  }

  /** What is counted and not yet written (tests). */
  pending(code: string, now = Date.now()) {
    return this.#pending.get(`${now - (now % HOUR_MS)}|${code}`) ?? 0
  }

  stop() {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }
}

export const verifyOutcomes = new VerifyOutcomes()
