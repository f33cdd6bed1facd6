/**
 * Usage metering at speed (issue 10 §7), three figures, each beside a raw baseline measured in
 * the same run on the same data:
 *
 *   (a) ingest: records/s through the ingestion use case (pricing, request-id claims, usage rows,
 *       one ledger posting per customer per batch, key spend) in batches of 1,000, against one
 *       multi-row INSERT per batch of the very same rows into usage_records;
 *   (b) verify over HTTP as a gateway calls it (POST /api/internal/keys/verify, service token,
 *       many keys in turn): p50/p99 and verifies/s at concurrency 1 and 32, against a bare
 *       node:http server answering from an in-memory Map of the same answers (bench/usage_baseline.ts);
 *       without rate limits, then with RPM+TPM limits on every key and customer enforced by the
 *       in-process windows and, when REDIS_URL is set, by the Redis ones;
 *   (c) the consumption detail's first page + totals (the console's list and summary queries
 *       through the engine) for one customer over 7 days, at BENCH_USAGE_ROWS usage rows, p95
 *       against the same page and totals in raw SQL.
 *
 * This process is the web server as `npm start` boots it (migrations, LISTEN for cache changes,
 * the audit sealer; background jobs off), on its own durable embedded cluster
 * (.data/pg-bench-usage unless DATABASE_URL is set). The load generator runs as a child process.
 *
 *   npm run bench:usage
 *   BENCH_USAGE_ROWS=10000000 npm run bench:usage      (10M rows for (c); the fill takes a while once)
 *   BENCH_FIGURES=c BENCH_USAGE_ROWS=10000000 npm run bench:usage   (only figure (c), at 10M)
 *   REDIS_URL=redis://127.0.0.1:6379 BENCH_FIGURES=b npm run bench:usage   (verify, enforcement in Redis too)
 *   BENCH_INGEST_BATCHES=20 BENCH_INGEST_CUSTOMERS=100 BENCH_SECONDS=6 BENCH_RUNS=40 (defaults)
 */
import { cpus, totalmem } from 'node:os'
import { spawn } from 'node:child_process'
import { freePort } from './port.js'
import { fillUsageRows } from './usage_fill.js'
import { createInterface } from 'node:readline'
import { randomUUID } from 'node:crypto'

const ROWS = Number(process.env.BENCH_USAGE_ROWS ?? 1_000_000)
const BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 20)
const INGEST_CUSTOMERS = Number(process.env.BENCH_INGEST_CUSTOMERS ?? 100)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6)
const RUNS = Number(process.env.BENCH_RUNS ?? 40)
const BATCH = 1000
const FIGURES = (process.env.BENCH_FIGURES ?? 'a,b,c').split(',')

process.env.EMBEDDED_PG_DIR ??= 'pg-bench-usage'
process.env.NODE_ENV ??= 'development'
process.env.SEED_DEMO = 'false'
process.env.JOBS_ENABLED = 'false'
process.env.HOST = '127.0.0.1'
process.env.PORT = String(await freePort())
const base = `http://127.0.0.1:${process.env.PORT}`

const { ignite } = await import('../bin/ignite.js')
await ignite().httpServer().start()
const { default: app } = await import('@adonisjs/core/services/app')
const { default: db } = await import('@adonisjs/lucid/services/db')
const { default: env } = await import('#start/env')
const { describeDatabase, fillCustomers } = await import('./boot.js')
const { transaction } = await import('#services/transaction')
const { post } = await import('#services/ledger/post')
const { customerAccount, systemAccount } = await import('#services/ledger/accounts')
const { SYSTEM_ACTOR } = await import('#services/audit')
const { NO_REQUEST } = await import('#services/use_case')
const { newKey } = await import('#services/api_keys/key_material')
const { seedCatalog } = await import('#database/seeders/demo_usage')
const { prng } = await import('#database/seeders/demo_usage_traffic')
const { default: ingestUsage } = await import('#actions/usage/ingest_usage')
const owner = db.manager.has('owner') ? db.connection('owner') : db.connection()

const say = (line = '') => console.log(line)
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]

/* ---- the catalog (the demo's) and funded customers with one key each ---- */
if (!(await db.from('usage_models').first())) await transaction((trx) => seedCatalog(trx, Date.now(), prng(1)))
const models = await db.from('usage_models').where('kind', 'text').select('id', 'code')
const channel = await db.from('channels').orderBy('id').firstOrFail()
const stamp = Date.now().toString(36)
const customers = (
  await db
    .table('customers')
    .multiInsert(Array.from({ length: INGEST_CUSTOMERS }, (_, i) => ({ email: `usage-${stamp}-${i}@bench.test`, password: 'x', tier: 'pro' })))
    .returning('id')
).map((r) => Number(r.id))
const keys: Array<{ id: number; customerId: number; key: string; hash: string }> = []
for (const customerId of customers) {
  await transaction(async (trx) => {
    await post(trx, { type: 'recharge', idempotencyKey: `bench-usage-fund:${customerId}`, request: {}, actor: SYSTEM_ACTOR, customerId }, async () => [
      { accountId: await systemAccount(trx, 'payment_clearing'), amount: -1_000_000_000_000n },
      { accountId: await customerAccount(trx, customerId, 'cash'), amount: 1_000_000_000_000n },
    ])
    const material = newKey()
    const [row] = await trx.insertQuery().table('api_keys').insert({ customer_id: customerId, name: 'bench', prefix: material.prefix, secret_hash: material.hash }).returning('id')
    keys.push({ id: Number(row.id), customerId, key: material.key, hash: material.hash })
  })
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
say(`machine: ${machine}`)
say(`database: ${await describeDatabase(db.connection() as any)}`)

/* ---- (a) ingest ---- */
const random = prng(7)
let batchNo = 0
/** 1,000 text-model records of the first `spread` customers (one posting per customer per batch). */
function batchOf(spread: number) {
  const n = batchNo++
  const at = Date.now() - 3_600_000
  return Array.from({ length: BATCH }, (_, i) => {
    const key = keys[Math.floor(random() * spread)]
    const cached = random() < 0.3
    return {
      request_id: `bench-${stamp}-${n}-${i}`,
      api_key_id: key.id,
      customer_id: key.customerId,
      model: models[Math.floor(random() * models.length)].code,
      channel: channel.name,
      started_at: new Date(at + n * BATCH + i).toISOString(),
      latency_ms: 200 + Math.floor(random() * 3000),
      status: random() < 0.02 ? 'error' : 'success',
      input_tokens: 50 + Math.floor(random() * 4000),
      output_tokens: 10 + Math.floor(random() * 1000),
      cache_read_tokens: cached ? Math.floor(random() * 8000) : 0,
      cache_write_tokens: 0,
      units: '0',
      upstream_request_id: `chatcmpl-${randomUUID()}`,
      job_id: null,
    }
  })
}
const COLUMNS = [
  'started_at', 'request_id', 'customer_id', 'api_key_id', 'model_id', 'channel_id', 'price_version_id', 'multiplier', 'status', 'latency_ms',
  'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'units', 'input_charge', 'output_charge', 'cache_read_charge',
  'cache_write_charge', 'unit_charge', 'charged', 'cost', 'margin', 'cache_savings', 'ledger_transaction_id', 'upstream_request_id', 'job_id',
]
const pgClient = await db.connection().getWriteClient()
const rawSql = (sql: string, bindings: unknown[]) => (pgClient as any).raw(sql, bindings)
const ingest = (records: unknown[]) => transaction((trx) => ingestUsage.handle({ records }, { trx, actor: SYSTEM_ACTOR, facts: NO_REQUEST }))
const figures: string[] = []
if (FIGURES.includes('a')) await ingest(batchOf(keys.length)) // warm-up: caches, JIT, partitions
for (const spread of FIGURES.includes('a') ? [10, keys.length] : []) {
  let engineSeconds = 0
  let rawSeconds = 0
  let billed = 0
  for (let n = 0; n < BATCHES; n++) {
    const records = batchOf(spread)
    let t = process.hrtime.bigint()
    billed += (await ingest(records)).billed
    engineSeconds += Number(process.hrtime.bigint() - t) / 1e9
    // the same rows, as the use case stored them, under other request ids: the raw INSERT's input
    const stored = await db.from('usage_records').whereIn('request_id', records.map((r) => r.request_id)).select(COLUMNS)
    const values = stored.flatMap((row) => COLUMNS.map((c) => (c === 'request_id' ? `raw-${row[c]}` : row[c])))
    const placeholders = stored.map(() => `(${COLUMNS.map(() => '?').join(',')})`).join(',')
    t = process.hrtime.bigint()
    await rawSql(`INSERT INTO usage_records (${COLUMNS.join(',')}) VALUES ${placeholders}`, values)
    rawSeconds += Number(process.hrtime.bigint() - t) / 1e9
  }
  const records = BATCHES * BATCH
  if (billed !== records) throw new Error(`the use case billed ${billed} of ${records} records`)
  const engineRate = records / engineSeconds
  const rawRate = records / rawSeconds
  figures.push(
    `| (a) ingest through the use case, ${BATCHES} batches of 1,000 from ${spread} customers (${spread} postings per batch) | ${fmt(engineRate)} records/s (${fmt((engineSeconds / BATCHES) * 1000, 1)} ms/batch) | one multi-row INSERT of the same rows: ${fmt(rawRate)} records/s (${fmt((rawSeconds / BATCHES) * 1000, 1)} ms/batch) | ${fmt(engineRate / rawRate, 2)} | ≥ 20,000/s and ≥ 0.50 |`
  )
  say(figures.at(-1))
}

/* ---- (b) verify over HTTP ---- */
const token = env.get('INTERNAL_SERVICE_TOKEN')
const headers = { authorization: `Bearer ${token}` }
const body = (key: string) => JSON.stringify({ key, model: models[0].code, ip: '10.1.2.3' })
const answers: Record<string, unknown> = {}
for (const key of FIGURES.includes('b') ? keys : []) {
  const response = await fetch(`${base}/api/internal/keys/verify`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: body(key.key) })
  const answer = (await response.json()) as { ok?: boolean }
  if (!answer.ok) throw new Error(`verify refused a funded key: ${response.status} ${JSON.stringify(answer)}`)
  answers[key.hash] = answer
}
const baseline = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bench/usage_baseline.ts'], {
  cwd: app.makePath(),
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, BENCH_BASELINE: JSON.stringify({ token, answers }) },
})
const barePort: number = await new Promise((resolve, reject) => {
  createInterface({ input: baseline.stdout! }).once('line', (line) => resolve(JSON.parse(line).port))
  baseline.once('exit', (code) => reject(new Error(`baseline exited with ${code}`)))
})
type Load = { requests: number; rps: number; p50: number; p99: number; errors: number; statuses: Record<string, number> }
function load(url: string, connections: number, seconds: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bench/http_load.ts'], {
      cwd: app.makePath(),
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_LOAD: JSON.stringify({ url, headers, bodies: keys.map((k) => body(k.key)), connections, seconds }) },
    })
    let out = ''
    child.stdout!.on('data', (chunk) => (out += chunk))
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited with ${code}`))))
  })
}
/**
 * One verify figure at concurrency 1 and 32: the app and the bare baseline in alternating halves,
 * so the machine's other load falls on both sides alike.
 */
async function verifyFigure(label: string) {
  for (const connections of [1, 32]) {
    const appUrl = `${base}/api/internal/keys/verify`
    const bareUrl = `http://127.0.0.1:${barePort}/api/internal/keys/verify`
    await load(appUrl, connections, 2)
    await load(bareUrl, connections, 2)
    const appRuns = [await load(appUrl, connections, SECONDS / 2)]
    const bareRuns = [await load(bareUrl, connections, SECONDS / 2)]
    bareRuns.push(await load(bareUrl, connections, SECONDS / 2))
    appRuns.push(await load(appUrl, connections, SECONDS / 2))
    for (const run of [...appRuns, ...bareRuns]) {
      if (run.errors || run.statuses['2xx'] !== run.requests) throw new Error(`verify load: ${JSON.stringify(run)}`)
    }
    const rps = (runs: Load[]) => runs.reduce((s, r) => s + r.requests, 0) / SECONDS
    const worst = (runs: Load[], f: 'p50' | 'p99') => Math.max(...runs.map((r) => r[f]))
    figures.push(
      `| (b) verify over HTTP${label}, concurrency ${connections} | ${fmt(rps(appRuns))} verifies/s, p50 ${worst(appRuns, 'p50')} ms, p99 ${worst(appRuns, 'p99')} ms | bare node:http + Map ${fmt(rps(bareRuns))}/s, p50 ${worst(bareRuns, 'p50')} ms, p99 ${worst(bareRuns, 'p99')} ms | ${fmt(rps(appRuns) / rps(bareRuns), 2)} | ${connections === 1 ? 'goal p99 ≤ 5 ms' : 'goal ≥ 5,000/s'} |`
    )
    say(figures.at(-1))
  }
}

/**
 * Enforcement on (issue 11): every key and its customer get RPM and TPM limits far above the load,
 * so each verify checks four windows and counts two without ever being refused; measured with the
 * windows in this process and, when REDIS_URL is set, in Redis. The bodies still answer ok: checked
 * after each figure, with the count the windows hold for one key.
 */
async function withLimits(label: string, windows: import('#services/rate_limit/windows').SlidingWindows) {
  useRateWindows(windows)
  await verifyFigure(label)
  const sample = await fetch(`${base}/api/internal/keys/verify`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: body(keys[0].key) })
  const answer = (await sample.json()) as { ok?: boolean; limits?: { rpm: number } }
  const counted = await windows.count(subjects.keyRequests(keys[0].id), Date.now())
  if (!answer.ok || answer.limits?.rpm !== 1_000_000_000 || counted === 0) throw new Error(`enforcement was not on: ${JSON.stringify(answer)}, ${counted} counted`)
  say(`  (${label.replace(/^, /, '')}: one key's window counted ${fmt(counted)} requests in the last minute)`)
}

const { useRateWindows, redisWindows } = await import('#services/rate_limit/main')
const { MemoryWindows } = await import('#services/rate_limit/memory_windows')
const { subjects } = await import('#services/rate_limit/verify_limits')
if (FIGURES.includes('b')) {
  // new customers get their tier's limits (customers_tier_defaults): none for the first figure
  await db.from('customers').whereIn('id', customers).update({ rpm_limit: null, tpm_limit: null })
  await new Promise((resolve) => setTimeout(resolve, 500)) // the caches hear the change (NOTIFY) and reload
  const unlimited = new MemoryWindows()
  useRateWindows(unlimited)
  await verifyFigure(', no rate limits')
  if (await unlimited.count(subjects.customerRequests(keys[0].customerId), Date.now())) throw new Error('limits were on in the figure without them')
  await db.from('api_keys').whereIn('id', keys.map((k) => k.id)).update({ rpm_limit: 1_000_000_000, tpm_limit: 2_000_000_000 })
  await db.from('customers').whereIn('id', customers).update({ rpm_limit: 1_000_000_000, tpm_limit: 2_000_000_000 })
  await new Promise((resolve) => setTimeout(resolve, 500)) // the caches hear the change (NOTIFY) and reload
  await withLimits(', RPM+TPM enforced in process', new MemoryWindows())
  if (env.get('REDIS_URL')) await withLimits(', RPM+TPM enforced in Redis', redisWindows())
  else say('  (set REDIS_URL to measure enforcement with the windows in Redis)')
}
baseline.kill('SIGTERM')

/* ---- (c) consumption detail at ROWS rows ---- */
const started = Date.now()
const heavy = customers[0]
await fillCustomers(owner, 1000, 'usage-detail')
const others = (await db.from('customers').orderBy('id').limit(1000).select('id')).map((r) => Number(r.id))
const version = await db.from('price_versions').where('model_id', models[0].id).orderBy('id', 'desc').firstOrFail()
// 90 days of rows, one in ten for one heavy customer, the rest over ~900 customers (bench/usage_fill.ts)
if (FIGURES.includes('c')) await fillUsageRows(owner, { rows: ROWS, heavy, others, modelIds: [models[0].id], channelId: channel.id, versionId: version.id })
await owner.rawQuery('ANALYZE usage_records')
const total = Number((await owner.rawQuery('SELECT count(*) AS n FROM usage_records')).rows[0].n)
if (Date.now() - started > 5000) say(`  filled usage_records to ${fmt(total)} rows in ${fmt((Date.now() - started) / 1000, 1)} s`)

const { loadResources, findResource } = await import('#engine/registry')
const { parseListQuery, applySort } = await import('#engine/list_query')
const { countRows } = await import('#engine/count')
const { filteredQuery, isFiltered, selectFields } = await import('#engine/list')
const { summarize } = await import('#engine/summary')
const { serializeRow } = await import('#engine/serialize')
await loadResources()
const resource = findResource('usage-records')!

async function timed(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint()
    await fn()
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) }
}
const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString()
const nowIso = new Date().toISOString()
for (const [label, customerId] of FIGURES.includes('c') ? [
  ['heavy customer (1 row in 10)', heavy],
  ['typical customer (1 row in 1,000)', others[501]],
] as const : []) {
  const qs = { _start: '0', _end: '20', _sort: 'started_at', _order: 'desc', customer_id: String(customerId), started_at_gte: weekAgo, started_at_lte: nowIso }
  const engine = async () => {
    const plan = parseListQuery(resource, qs)
    const query = filteredQuery(resource, plan)
    const [rows] = await Promise.all([
      selectFields(applySort(query.clone(), plan), resource).offset(0).limit(20),
      countRows(query, resource.table, isFiltered(plan)),
      summarize(resource, plan, true),
    ])
    return (rows as any[]).map((r) => serializeRow(resource, r, true))
  }
  const where = `customer_id = ${Number(customerId)} AND started_at >= '${weekAgo}' AND started_at <= '${nowIso}'`
  const raw = () =>
    Promise.all([
      rawSql(`SELECT * FROM usage_records WHERE ${where} ORDER BY started_at DESC, id DESC LIMIT 20`, []),
      rawSql(`SELECT count(*), sum(charged), sum(cost), sum(margin), sum(cache_savings) FROM usage_records WHERE ${where}`, []),
    ])
  const matched = Number((await rawSql(`SELECT count(*) AS n FROM usage_records WHERE ${where}`, [])).rows[0].n)
  const e = await timed(engine)
  const r = await timed(raw)
  figures.push(
    `| (c) consumption detail first page + totals, ${label}, 7 days (${fmt(matched)} rows) of ${fmt(total)} | p95 ${fmt(e.p95, 2)} ms (p50 ${fmt(e.p50, 2)}) | raw SQL page + totals p95 ${fmt(r.p95, 2)} ms (p50 ${fmt(r.p50, 2)}) | ${fmt(e.p95 / r.p95, 2)} | goal p95 ≤ 50 ms |`
  )
  say(figures.at(-1))
}
await db.connection().releaseWriteClient?.(pgClient as any)

say()
say(`machine: ${machine}`)
say(`database: ${await describeDatabase(db.connection() as any)}`)
say('| figure | application | baseline | app / baseline | goal |')
say('|---|---|---|---|---|')
for (const line of figures) say(line)

await (await import('#services/seal/sealer')).default.stop()
await app.terminate()
