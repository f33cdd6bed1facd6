/**
 * Background and scheduled work, persisted in PostgreSQL by pg-boss (schema `pgboss`), so the
 * embedded default needs no Redis and several app instances share one queue: a job is handed
 * to one worker, a schedule fires once per tick across all instances, and a job whose
 * worker died is retried.
 *
 * Handlers must be idempotent (they may run again after a crash). Tests do not start the
 * queue: `send()` then records the job, and `drain()` runs the recorded jobs in-process.
 */
import PgBoss from 'pg-boss'
import logger from '@adonisjs/core/services/logger'

type Handler = (data: any) => Promise<void>
type Definition = { handler: Handler; cron?: string; retryLimit?: number }

class Jobs {
  #boss?: PgBoss
  #definitions = new Map<string, Definition>()
  #pending: Array<{ name: string; data: any }> = []

  /** Declares a job kind; `cron` (UTC) makes it run on a schedule too. */
  define(name: string, handler: Handler, options: { cron?: string; retryLimit?: number } = {}) {
    this.#definitions.set(name, { handler, ...options })
  }

  get started() {
    return !!this.#boss
  }

  /**
   * Creates or upgrades the queue's schema, as the database owner: the app role that runs the
   * queue has DML on it but no DDL (see backend/services/database_roles.ts).
   */
  async installSchema(ownerConnectionString: string) {
    const installer = new PgBoss({ connectionString: ownerConnectionString, schema: 'pgboss', max: 1, migrate: true, supervise: false, schedule: false, application_name: 'creditdesk-jobs-install' })
    installer.on('error', (error) => logger.error({ err: error }, 'job queue install error'))
    await installer.start()
    await installer.stop({ graceful: false, wait: true })
  }

  /** Starts the queue as the app role; the schema must be installed (installSchema). */
  async start(connectionString: string) {
    if (this.#boss) return
    const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, migrate: false, application_name: 'creditdesk-jobs' })
    boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
    await boss.start()
    for (const [name, definition] of this.#definitions) {
      await boss.createQueue(name, { name, retryLimit: definition.retryLimit ?? 5, retryBackoff: true } as any).catch(() => {})
      await boss.work(name, async (jobs: PgBoss.Job<any>[]) => {
        for (const job of jobs) await definition.handler(job.data)
      })
      if (definition.cron) await boss.schedule(name, definition.cron, {}, { tz: 'UTC' })
    }
    this.#boss = boss
  }

  async stop() {
    await this.#boss?.stop({ graceful: true, wait: true })
    this.#boss = undefined
  }

  /** Queues a job. `singletonKey` collapses duplicates that are queued while one is pending. */
  async send(name: string, data: Record<string, unknown>, options: { singletonKey?: string } = {}) {
    if (!this.#definitions.has(name)) throw new Error(`unknown job ${name}`)
    if (!this.#boss) {
      this.#pending.push({ name, data })
      return null
    }
    return this.#boss.send(name, data, { singletonKey: options.singletonKey })
  }

  /** Runs the jobs recorded while the queue was not started (tests, ace commands). */
  async drain() {
    let ran = 0
    while (this.#pending.length) {
      const { name, data } = this.#pending.shift()!
      await this.#definitions.get(name)!.handler(data)
      ran++
    }
    return ran
  }

  /** Runs one job kind now, in this process (ace commands, tests). */
  async run(name: string, data: Record<string, unknown> = {}) {
    const definition = this.#definitions.get(name)
    if (!definition) throw new Error(`unknown job ${name}`)
    await definition.handler(data)
  }
}

const jobs = new Jobs()
export default jobs
