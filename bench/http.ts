/**
 * Requests per second of the API against a bare `node:http` + `pg` server, in one run.
 *
 * This process is the application's web server, booted as `npm start` boots it (web
 * environment: migrations, background jobs, the audit sealer) on its own durable embedded
 * cluster (.data/pg-bench-http unless DATABASE_URL is set), seeded with customers. The bare
 * baseline (bench/http_baseline.ts) and the load generator (bench/http_load.ts, autocannon)
 * run as child processes, so neither shares this event loop. The baseline runs the very SQL
 * the application ran for the list's first page, captured from the application's own queries.
 *
 * Per route, the baseline and the application each get BENCH_CONNECTIONS concurrent
 * connections for BENCH_SECONDS (after a short warm-up), taking turns in BENCH_SLICES slices so
 * that the machine's other load falls on both alike: a signed-in operations staff member's first
 * page of /api/admin/users, /api/admin/auth/me, and an anonymous 404. Besides req/s and
 * latency it prints the CPU time per request of each side's server process and of PostgreSQL.
 *
 *   npm run bench:http
 *   BENCH_SECONDS=10 BENCH_SLICES=5 BENCH_CONNECTIONS=16 BENCH_CUSTOMERS=100000 BENCH_ROUNDS=1 (defaults)
 *   BENCH_PROFILE=tmp/profiles   also writes a CPU profile of the application per route
 *   BENCH_ROUTES=users,me        only these routes (users, me, 404)
 */
import { cpus, totalmem } from 'node:os'
import { spawn } from 'node:child_process'
import { freePort } from './port.js'
import { mkdir, writeFile } from 'node:fs/promises'
import { readFileSync, readdirSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { createInterface } from 'node:readline'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1)
const SLICES = Number(process.env.BENCH_SLICES ?? 5)
const PROFILE_DIR = process.env.BENCH_PROFILE
const LIST_PATH = '/api/admin/users?_start=0&_end=20&_sort=created_at&_order=desc'
const PASSWORD = 'bench-password-1'

process.env.EMBEDDED_PG_DIR ??= 'pg-bench-http'
process.env.NODE_ENV ??= 'development'
process.env.SEED_DEMO = 'false'
process.env.HOST = '127.0.0.1'
process.env.PORT = String(await freePort())
const base = `http://127.0.0.1:${process.env.PORT}`

/* ---- the application, as npm start runs it ---- */
const { ignite } = await import('../bin/ignite.js')
await ignite().httpServer().start()
const { default: app } = await import('@adonisjs/core/services/app')
const { default: db } = await import('@adonisjs/lucid/services/db')
const { default: hash } = await import('@adonisjs/core/services/hash')
const { default: creditdesk } = await import('#config/creditdesk')
const { describeDatabase, fillCustomers } = await import('./boot.js')
const owner = db.manager.has('owner') ? db.connection('owner') : db.connection()

/* ---- data: customers with their cash and gift accounts, one operations staff member ---- */
console.log(`customers: topping up to ${CUSTOMERS.toLocaleString()}…`)
if ((await fillCustomers(owner, CUSTOMERS, 'http')) > 0) {
  await owner.rawQuery(
    `INSERT INTO ledger_accounts (owner_type, owner_id, code, asset)
     SELECT 'customer', c.id, b.code, ? FROM customers c CROSS JOIN (VALUES ('cash'), ('gift')) b(code)
     ON CONFLICT DO NOTHING`,
    [creditdesk.asset]
  )
}
await owner.rawQuery('ANALYZE customers')
await owner.rawQuery('ANALYZE ledger_accounts')

const staffEmail = 'http-bench@staff.bench'
const role = await db.from('roles').where('name', 'operations').firstOrFail()
const staffRow = { name: 'HTTP bench', password: await hash.make(PASSWORD), role_id: role.id, status: 'active' }
const staff =
  (await db.from('staff').where('email', staffEmail).update(staffRow).returning('*'))[0] ??
  (await db.table('staff').insert({ email: staffEmail, ...staffRow }).returning('*'))[0]

/* ---- sign in as a browser does: XSRF cookie first, then the login with its token ---- */
const jar = new Map<string, string>()
async function browse(method: string, path: string, body?: unknown) {
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const headers: Record<string, string> = { cookie, 'content-type': 'application/json', 'accept': 'application/json' }
  if (jar.has('XSRF-TOKEN')) headers['x-xsrf-token'] = decodeURIComponent(jar.get('XSRF-TOKEN')!)
  const response = await fetch(`${base}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined })
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const at = pair.indexOf('=')
    const value = pair.slice(at + 1)
    if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(pair.slice(0, at))
    else jar.set(pair.slice(0, at), value)
  }
  return response
}
await browse('GET', '/api/admin/auth/me')
const login = await browse('POST', '/api/admin/auth/login', { email: staffEmail, password: PASSWORD })
if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`)
const signedIn = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'application/json' }

/*
 * ---- what one request of each route costs in SQL, recorded at the driver (pg.Client#query) ----
 * The job queue's own connections and the audit sealer, which run beside the requests, are left out.
 */
type Statement = { sql: string; bindings: unknown[] }
const { default: pg } = await import('pg')
let recording: Statement[] | null = null
const driverQuery = pg.Client.prototype.query
pg.Client.prototype.query = function (this: any, config: any, values?: any, callback?: any) {
  const text: string | undefined = typeof config === 'string' ? config : config?.text
  if (recording && text && this.connectionParameters?.application_name !== 'creditdesk-jobs' && !/seal/i.test(text)) {
    recording.push({ sql: text, bindings: (typeof config === 'object' && config.values) || (Array.isArray(values) ? values : []) })
  }
  return driverQuery.call(this, config, values, callback)
} as typeof driverQuery
async function traced(path: string, headers: Record<string, string>) {
  const statements: Statement[] = []
  recording = statements
  const response = await fetch(`${base}${path}`, { headers })
  const body = await response.text()
  recording = null
  return { status: response.status, body, statements, cookies: response.headers.getSetCookie().map((c) => c.split('=')[0]) }
}
const probe = await traced(LIST_PATH, signedIn)
if (probe.status !== 200) throw new Error(`list failed: ${probe.status} ${probe.body}`)
const appRows = (JSON.parse(probe.body) as unknown[]).length
const touchesCustomers = (s: Statement) => /"customers"/.test(s.sql) || s.bindings.includes('customers')
const listStatements = probe.statements.filter(touchesCustomers)
const page = listStatements.find((s) => /\blimit\b/i.test(s.sql) && !/count\(/i.test(s.sql))
const count = listStatements.find((s) => s !== page) ?? null
if (!page) throw new Error(`no page query captured among:\n${probe.statements.map((s) => s.sql).join('\n')}`)

/* ---- the bare baseline, in its own process ---- */
const baselineProcess = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bench/http_baseline.ts'], {
  cwd: app.makePath(),
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    BENCH_BASELINE: JSON.stringify({
      databaseUrl: process.env.DATABASE_APP_URL ?? process.env.DATABASE_URL,
      poolSize: db.manager.get('app')?.config.pool?.max ?? 10,
      page,
      count,
      staffId: Number(staff.id),
    }),
  },
})
const baselinePort: number = await new Promise((resolve, reject) => {
  createInterface({ input: baselineProcess.stdout! }).once('line', (line) => resolve(JSON.parse(line).port))
  baselineProcess.once('exit', (code) => reject(new Error(`baseline exited with ${code}`)))
})
const bare = `http://127.0.0.1:${baselinePort}`
const bareRows = ((await (await fetch(`${bare}${LIST_PATH}`)).json()) as unknown[]).length
if (bareRows !== appRows) throw new Error(`baseline answered ${bareRows} rows where the application answered ${appRows}`)

/* ---- load ---- */
type Result = { requests: number; rps: number; p50: number; p99: number; errors: number; statuses: Record<string, number> }
function load(url: string, headers: Record<string, string>, seconds: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bench/http_load.ts'], {
      cwd: app.makePath(),
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_LOAD: JSON.stringify({ url, headers, connections: CONNECTIONS, seconds }) },
    })
    let out = ''
    child.stdout!.on('data', (chunk) => (out += chunk))
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited with ${code}`))))
  })
}

const inspector = PROFILE_DIR ? new Session() : null
if (inspector) {
  inspector.connect()
  await inspector.post('Profiler.enable')
  await mkdir(PROFILE_DIR!, { recursive: true })
}

const routes = [
  { name: 'GET /api/admin/users (first page, signed in)', key: 'users', path: LIST_PATH, headers: signedIn, expect: '2xx' },
  { name: 'GET /api/admin/auth/me (signed in)', key: 'me', path: '/api/admin/auth/me', headers: signedIn, expect: '2xx' },
  { name: 'GET /api/no-such-route (anonymous 404)', key: '404', path: '/api/no-such-route', headers: { accept: 'application/json' }, expect: '4xx' },
].filter((route) => !process.env.BENCH_ROUTES || process.env.BENCH_ROUTES.split(',').includes(route.key))

/* statements per request once caches are warm (the baseline runs 2, 1 and 0) */
const costs: string[] = []
const writes = (list: Statement[]) => list.filter((s) => /^\s*(insert|update|delete)\b/i.test(s.sql)).length
for (const route of routes) {
  await traced(route.path, route.headers)
  const { statements, cookies } = await traced(route.path, route.headers)
  costs.push(`${route.name}: ${statements.length} SQL statements, ${writes(statements)} of them writes; Set-Cookie: ${cookies.join(', ') || 'none'}`)
  if (process.env.BENCH_VERBOSE) costs.push(...statements.map((s) => `    ${s.sql}`))
}
console.log(costs.join('\n'))

/**
 * CPU seconds used so far by a process and by the PostgreSQL cluster's processes (Linux /proc;
 * clock ticks of 10 ms), so each cell can say what one request cost each side.
 */
const TICK_S = 0.01
function cpuOf(pid: number) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) * TICK_S }
  } catch {
    return null
  }
}
const postmaster = (() => {
  if (process.env.DATABASE_URL_FROM_USER) return null
  try {
    return Number(readFileSync(app.makePath('.data', process.env.EMBEDDED_PG_DIR!, 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    return null
  }
})()
/** CPU seconds per process of the cluster (the postmaster and its children, by pid). */
function databaseCpu() {
  const seconds = new Map<number, number>()
  if (!postmaster) return seconds
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = cpuOf(Number(entry))
    if (stat && (stat.ppid === postmaster || Number(entry) === postmaster)) seconds.set(Number(entry), stat.seconds)
  }
  return seconds
}

/** CPU the cluster spent between two snapshots: connections opened meanwhile count whole. */
function databaseCpuSince(before: Map<number, number>) {
  if (!postmaster) return NaN
  let spent = 0
  for (const [pid, seconds] of databaseCpu()) spent += seconds - (before.get(pid) ?? 0)
  return spent
}

type Side = { target: string; pid: number }
type Tally = { requests: number; seconds: number; p50: number[]; p99: number[]; server: number; database: number }
const tally = (): Tally => ({ requests: 0, seconds: 0, p50: [], p99: [], server: 0, database: 0 })

/** One slice of load on one side, added to its tally (CPU of its server and of the cluster). */
async function slice(side: Side, route: (typeof routes)[number], seconds: number, into: Tally) {
  const before = { server: cpuOf(side.pid)?.seconds ?? NaN, database: databaseCpu() }
  const result = await load(`${side.target}${route.path}`, route.headers, seconds)
  into.server += (cpuOf(side.pid)?.seconds ?? NaN) - before.server
  into.database += databaseCpuSince(before.database)
  const unexpected = result.requests - result.statuses[route.expect]
  if (unexpected > 0 || result.errors > 0) {
    throw new Error(`${route.name} on ${side.target}: ${unexpected} unexpected statuses ${JSON.stringify(result.statuses)}, ${result.errors} errors`)
  }
  into.requests += result.requests
  into.seconds += seconds
  into.p50.push(result.p50)
  into.p99.push(result.p99)
}

/**
 * The baseline and the application take turns in SLICES slices (bare, app, app, bare, …), so a
 * change in the machine's other load during the run falls on both sides alike.
 */
async function measure(route: (typeof routes)[number], profile: string | null) {
  const app = { target: base, pid: process.pid }
  const bareSide = { target: bare, pid: baselineProcess.pid! }
  await load(`${bare}${route.path}`, route.headers, WARMUP_SECONDS)
  await load(`${base}${route.path}`, route.headers, WARMUP_SECONDS)
  const tallies = { app: tally(), bare: tally() }
  if (profile && inspector) await inspector.post('Profiler.start')
  for (let i = 0; i < SLICES; i++) {
    const order = i % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const)
    for (const which of order) await slice(which === 'app' ? app : bareSide, route, SECONDS / SLICES, tallies[which])
  }
  if (profile && inspector) {
    const { profile: data } = await inspector.post('Profiler.stop')
    await writeFile(profile, JSON.stringify(data))
  }
  return tallies
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
const database = await describeDatabase(db.connection() as any)
const lines: string[] = []
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
for (let round = 0; round < ROUNDS; round++) {
  for (const route of routes) {
    const profile = PROFILE_DIR ? `${PROFILE_DIR}/app-${route.key}-${round}.cpuprofile` : null
    const { app: measured, bare: baseline } = await measure(route, profile)
    const rps = (t: Tally) => t.requests / t.seconds
    const perRequest = (t: Tally, seconds: number) => (Number.isNaN(seconds) ? '–' : Math.max(0, (seconds * 1000) / t.requests).toFixed(2))
    lines.push(
      `| ${route.name} | ${fmt(rps(measured))} | ${median(measured.p50)} | ${median(measured.p99)} | ${fmt(rps(baseline))} | ${median(baseline.p50)} | ${median(baseline.p99)} | ${fmt(rps(measured) / rps(baseline), 2)} |` +
        ` ${perRequest(measured, measured.server)} / ${perRequest(measured, measured.database)} | ${perRequest(baseline, baseline.server)} / ${perRequest(baseline, baseline.database)} |`
    )
    console.log(lines.at(-1))
  }
}

console.log(`\nmachine: ${machine}`)
console.log(`database: ${database}`)
console.log(
  `customers: ${fmt(Number((await owner.rawQuery('SELECT count(*) AS n FROM customers')).rows[0].n))}, ${CONNECTIONS} connections, ` +
    `${SECONDS} s per side and route in ${SLICES} alternating slices after ${WARMUP_SECONDS} s of warm-up each, page of ${appRows} rows; ` +
    `latencies are the median over slices of each slice's p50 and p99`
)
console.log(`list statements replayed by the baseline:\n  ${page.sql}${count ? `\n  ${count.sql}  ${JSON.stringify(count.bindings)}` : ''}\n`)
console.log(`per request:\n  ${costs.join('\n  ')}\n`)
console.log('| route | app req/s | app p50 ms | app p99 ms | bare req/s | bare p50 ms | bare p99 ms | app / bare | app CPU ms/req (server / PostgreSQL) | bare CPU ms/req (server / PostgreSQL) |')
console.log('|---|---|---|---|---|---|---|---|---|---|')
for (const line of lines) console.log(line)

baselineProcess.kill('SIGTERM')
// the queue and the sealer first: the cluster stops with the app, under their open connections
await (await import('#services/jobs')).default.stop()
await (await import('#services/seal/sealer')).default.stop()
await app.terminate()
