/**
 * One dedicated PostgreSQL connection per cache that LISTENs on `creditdesk_cache`. The api_keys,
 * customers and customer ledger_accounts triggers (migration 0051) send `key:<id>` and
 * `customer:<id>` at commit. While the connection is down nothing can be heard, so the cache is
 * told to forget everything (`onReset`) and the connection is retried with a growing pause.
 * The socket is unreferenced: an idle listener never keeps a process (ace, a test run) alive.
 */
import pg from 'pg'

export const CHANNEL = 'creditdesk_cache'

export class CacheListener {
  #client: pg.Client | null = null
  #starting: Promise<void> | null = null
  #retry: NodeJS.Timeout | null = null
  #failures = 0
  #stopped = false
  ready = false

  constructor(
    private connection: () => pg.ClientConfig,
    private onMessage: (payload: string) => void,
    private onReset: () => void
  ) {}

  /** Connects and LISTENs (once; concurrent callers share the attempt). Resolves when listening. */
  start(): Promise<void> {
    if (this.ready || this.#stopped) return Promise.resolve()
    this.#starting ??= this.#connect().finally(() => (this.#starting = null))
    return this.#starting
  }

  async #connect() {
    const client = new pg.Client(this.connection())
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.onMessage(message.payload)
    })
    client.on('error', () => this.#lost(client))
    client.on('end', () => this.#lost(client))
    try {
      await client.connect()
      ;(client as any).connection?.stream?.unref?.()
      await client.query(`LISTEN ${CHANNEL}`)
    } catch {
      this.#lost(client)
      return
    }
    if (this.#stopped) {
      await client.end().catch(() => {})
      return
    }
    this.#client = client
    this.#failures = 0
    // whatever changed before LISTEN took effect was not heard: start from nothing
    this.onReset()
    this.ready = true
  }

  #dead = new WeakSet<pg.Client>()

  #lost(client: pg.Client) {
    if (this.#dead.has(client)) return
    this.#dead.add(client)
    if (this.#client !== null && this.#client !== client) return
    this.#client = null
    this.ready = false
    this.onReset()
    client.end().catch(() => {})
    if (this.#stopped || this.#retry) return
    const pause = Math.min(30_000, 250 * 2 ** this.#failures++)
    this.#retry = setTimeout(() => {
      this.#retry = null
      this.start().catch(() => {})
    }, pause)
    this.#retry.unref()
  }

  async stop() {
    this.#stopped = true
    this.ready = false
    if (this.#retry) clearTimeout(this.#retry)
    this.#retry = null
    await this.#starting?.catch(() => {})
    const client = this.#client
    this.#client = null
    if (client) await client.end().catch(() => {})
  }
}
