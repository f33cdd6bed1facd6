/**
 * Crash recovery on the default, durable setup: the real server (bin/server.ts, as `npm start` runs
 * it) on an embedded cluster of its own, started without the test runner's non-durable opt-out.
 * A burst of usage charges is cut short by kill -9, first of the server, then of PostgreSQL itself.
 * After a restart every acknowledged charge must be there exactly once, retrying every key must
 * apply none twice, and the ledger invariants must hold.
 *
 * The test talks to the server over HTTP only; it reaches the cluster directly just to create the
 * funded customer and to read the outcome (the same invariant check as `ace ledger:check`).
 */
import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { EmbeddedDatabase } from '#services/embedded_database'
import { post } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { checkInvariants } from '#services/ledger/invariants'
import { toUnits } from '#services/ledger/amounts'
import { SYSTEM_ACTOR } from '#services/audit'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const CLUSTER = `pg-crash-${randomUUID().slice(0, 8)}`
const CLUSTER_DIR = `${ROOT}.data/${CLUSTER}`
const TOKEN = `crash-test-service-token-${randomUUID()}`
const FUNDS = '100000'
const CHARGE = '1.25'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Outcome = { key: string; status: number | 'no answer'; transactionId?: number }

/** The real HTTP server in a process of its own, as `npm start` runs it (minus the UI build). */
class ServerProcess {
  child?: ChildProcess
  output = ''
  port = 0

  async start() {
    this.port ||= await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      PORT: String(this.port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_DIR: CLUSTER,
      INTERNAL_SERVICE_TOKEN: TOKEN,
      LOG_LEVEL: 'warn',
    }
    // the defaults of `npm start`: durable embedded cluster, no database of the test run
    for (const key of ['EMBEDDED_PG_NON_DURABLE', 'DATABASE_URL', 'DATABASE_URL_FROM_USER', 'DATABASE_APP_URL', 'DATABASE_MAINTENANCE_URL', 'TEST_PORT']) delete env[key]
    const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000))
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    this.child = child
    const started = Date.now()
    while (Date.now() - started < 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited while starting:\n${this.output}`)
      try {
        await fetch(`${this.base()}/api/portal/auth/me`, { signal: AbortSignal.timeout(2_000) })
        return Date.now() - started
      } catch {
        await sleep(100)
      }
    }
    throw new Error(`server did not answer within 30 s:\n${this.output}`)
  }

  base() {
    return `http://127.0.0.1:${this.port}`
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL') {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await Promise.race([exited, sleep(15_000)])
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  }

  charge(key: string, customerId: number) {
    return fetch(`${this.base()}/api/internal/charges`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: customerId, amount: CHARGE, idempotency_key: key }),
      signal: AbortSignal.timeout(15_000),
    })
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** The postmaster of the crash cluster, if one is running. */
function postmasterPid(): number | undefined {
  const file = `${CLUSTER_DIR}/postmaster.pid`
  if (!existsSync(file)) return undefined
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0])
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return undefined
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry))
    } catch {}
  }
  return children
}

/** kill -9 of the whole database server: the postmaster and every backend it started, at once. */
async function killPostgres() {
  const pid = postmasterPid()
  if (!pid) return false
  for (const target of [pid, ...childrenOf(pid)]) {
    try {
      process.kill(target, 'SIGKILL')
    } catch {}
  }
  for (let i = 0; i < 100 && [pid, ...childrenOf(pid)].some(alive); i++) await sleep(50)
  return true
}

function alive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** A Lucid connection to the crash cluster (reusing the running postmaster), closed after `work`. */
async function onCrashCluster<T>(work: (client: QueryClientContract) => Promise<T>): Promise<T> {
  const url = await new EmbeddedDatabase(new URL(`file://${CLUSTER_DIR}/`)).start()
  const name = `crash_${randomUUID().slice(0, 8)}`
  db.manager.add(name, { client: 'pg', connection: { connectionString: url }, pool: { min: 0, max: 2 } })
  try {
    return await work(db.connection(name))
  } finally {
    await db.manager.release(name)
  }
}

async function fundedCustomer(client: QueryClientContract) {
  const [row] = await client
    .insertQuery()
    .table('customers')
    .insert({ email: `crash.${randomUUID().slice(0, 8)}@example.test`, nickname: 'Crash test', password: 'not-a-password-hash' })
    .returning(['id'])
  const customerId = Number(row.id)
  const amount = toUnits(FUNDS)
  await client.transaction((trx) =>
    post(trx, { type: 'recharge', idempotencyKey: `crash-fund:${randomUUID()}`, request: {}, actor: SYSTEM_ACTOR, customerId, amount }, async () => [
      { accountId: await systemAccount(trx, 'payment_clearing'), amount: -amount },
      { accountId: await customerAccount(trx, customerId, 'cash'), amount },
    ])
  )
  return customerId
}

/**
 * Sends `keys` as charges from `workers` parallel callers; once `killAfter` of them are
 * acknowledged, `crash()` runs (once) while the others are still in flight.
 */
async function burst(server: ServerProcess, customerId: number, keys: string[], killAfter: number, crash: () => Promise<unknown>, workers = 12) {
  const outcomes: Outcome[] = []
  let next = 0
  let acked = 0
  let crashing: Promise<unknown> | undefined
  let serverGone = false
  const worker = async () => {
    while (next < keys.length && !serverGone) {
      const key = keys[next++]
      try {
        const reply = await server.charge(key, customerId)
        const body: any = await reply.json().catch(() => null)
        outcomes.push({ key, status: reply.status, transactionId: reply.status < 300 ? body?.transaction?.id : undefined })
        if (reply.status < 300 && ++acked === killAfter) crashing = crash()
      } catch {
        outcomes.push({ key, status: 'no answer' })
        serverGone = true
      }
    }
  }
  await Promise.all(Array.from({ length: workers }, worker))
  await crashing
  return outcomes
}

/** Sends every key again (concurrently) and returns what each answered. */
async function retryAll(server: ServerProcess, customerId: number, keys: string[], workers = 12) {
  const replies = new Map<string, { status: number; transactionId?: number }>()
  let next = 0
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]
      const reply = await server.charge(key, customerId)
      const body: any = await reply.json().catch(() => null)
      replies.set(key, { status: reply.status, transactionId: body?.transaction?.id })
    }
  }
  await Promise.all(Array.from({ length: workers }, worker))
  return replies
}

/** The checks after a crash and a restart; returns figures for the log. */
async function assertRecovered(assert: any, server: ServerProcess, customerId: number, keys: string[], outcomes: Outcome[]) {
  const acknowledged = outcomes.filter((o) => typeof o.status === 'number' && o.status < 300)
  const unanswered = outcomes.filter((o) => typeof o.status !== 'number' || o.status >= 500)
  assert.isAbove(acknowledged.length, 0, 'no charge was acknowledged before the crash')
  assert.isBelow(acknowledged.length, keys.length, 'the crash came after the whole burst')
  for (const o of outcomes) {
    if (typeof o.status === 'number') assert.include([200, 201, 500, 503], o.status, `unexpected answer ${o.status} for ${o.key}`)
  }

  // every acknowledged charge is there: its replay answers the original transaction
  const first = await retryAll(server, customerId, keys)
  for (const o of acknowledged) {
    assert.deepEqual(first.get(o.key), { status: 200, transactionId: o.transactionId }, `acknowledged charge ${o.key} lost or changed`)
  }
  for (const [key, reply] of first) assert.include([200, 201], reply.status, `retry of ${key} answered ${reply.status}`)
  const appliedOnRetry = [...first.values()].filter((r) => r.status === 201).length

  // a second round changes nothing
  const second = await retryAll(server, customerId, keys)
  for (const [key, reply] of second) assert.deepEqual(reply, { status: 200, transactionId: first.get(key)!.transactionId }, `second retry of ${key}`)

  const ids = new Set([...first.values()].map((r) => r.transactionId))
  assert.equal(ids.size, keys.length, 'two keys answered the same transaction')

  await onCrashCluster(async (client) => {
    const charges = await client.from('ledger_transactions').where({ customer_id: customerId, type: 'usage_charge' }).select('id')
    assert.sameMembers(
      charges.map((c) => Number(c.id)),
      [...ids].map(Number),
      'each key is exactly one charge in the ledger'
    )
    const cash = await client.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId, code: 'cash' }).first()
    assert.equal(BigInt(cash.balance), toUnits(FUNDS) - BigInt(keys.length) * toUnits(CHARGE))
    assert.deepEqual(await checkInvariants(client), [], 'ledger invariants')
  })
  return { acknowledged: acknowledged.length, unanswered: unanswered.length, committedButUnacknowledged: keys.length - acknowledged.length - appliedOnRetry, appliedOnRetry }
}

test.group('Crash recovery on the durable embedded database', (group) => {
  const server = new ServerProcess()

  group.setup(async () => {
    const bootMs = await server.start()
    console.log(`  crash test: server on a fresh durable cluster answered after ${bootMs} ms`)
  })

  group.teardown(async () => {
    await server.kill('SIGTERM')
    await killPostgres()
    await rm(CLUSTER_DIR, { recursive: true, force: true })
    await rm(`${CLUSTER_DIR}.log`, { force: true })
  })

  test('the cluster npm start runs is durable', async ({ assert }) => {
    const shown = await onCrashCluster(async (client) => {
      const values: Record<string, string> = {}
      for (const name of ['fsync', 'synchronous_commit', 'full_page_writes']) values[name] = (await client.rawQuery(`SHOW ${name}`)).rows[0][name]
      return values
    })
    assert.deepEqual(shown, { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' })
  }).timeout(30_000)

  test('kill -9 of the server mid-burst: every acknowledged charge kept, none applied twice', async ({ assert }) => {
    const customerId = await onCrashCluster(fundedCustomer)
    const keys = Array.from({ length: 240 }, (_, i) => `crash-server-${customerId}-${i}`)
    const started = Date.now()
    const outcomes = await burst(server, customerId, keys, 40, () => server.kill('SIGKILL'))
    const restartMs = await server.start()
    const figures = await assertRecovered(assert, server, customerId, keys, outcomes)
    console.log(`  crash test (server): ${JSON.stringify({ sent: outcomes.length, ...figures, restartMs, totalMs: Date.now() - started })}`)
  }).timeout(60_000)

  test('kill -9 of PostgreSQL mid-burst: after a restart every acknowledged charge kept, none applied twice', async ({ assert }) => {
    const customerId = await onCrashCluster(fundedCustomer)
    const keys = Array.from({ length: 240 }, (_, i) => `crash-postgres-${customerId}-${i}`)
    const started = Date.now()
    const outcomes = await burst(server, customerId, keys, 40, () => killPostgres())
    // the operator restarts the service: the new server starts the cluster, which replays its WAL
    await server.kill('SIGKILL')
    const restartMs = await server.start()
    const figures = await assertRecovered(assert, server, customerId, keys, outcomes)
    console.log(`  crash test (postgres): ${JSON.stringify({ sent: outcomes.length, ...figures, restartMs, totalMs: Date.now() - started })}`)
  }).timeout(60_000)
})
