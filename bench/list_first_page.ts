/**
 * First-page latency of a console list at scale: the engine's list path (query plan,
 * filters, sort, page, total) against a raw SQL baseline run in the same process on the
 * same data. Prints medians and ratios; it is a measurement, not a test.
 *
 *   npm run bench:list                 # 1,000,000 customers (embedded cluster in .data/pg-bench)
 *   BENCH_ROWS=10000000 npm run bench:list
 */
import { bootForBench, describeDatabase, fillCustomers } from './boot.js'

process.env.SEED_DEMO = 'false'
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 25)

const { app, db, owner } = await bootForBench()

const { loadResources, findResource } = await import('#engine/registry')
const { parseListQuery, applyFilters, applySort } = await import('#engine/list_query')
const { countRows } = await import('#engine/count')
const { serializeRow } = await import('#engine/serialize')
await loadResources()
const users = findResource('users')!

const started = Date.now()
const inserted = await fillCustomers(db, ROWS, 'user')
if (inserted) console.log(`inserted ${inserted.toLocaleString()} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`)
// fresh statistics whatever autovacuum has done so far: the totals shown are planner estimates
await owner.rawQuery('ANALYZE customers')

async function median(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint()
    await fn()
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

async function engine(qs: Record<string, string>) {
  const plan = parseListQuery(users, qs)
  const base = applyFilters(db.from(users.table), users, plan)
  const [rows, count] = await Promise.all([
    applySort(base.clone(), plan).select('*').offset(plan.start).limit(plan.end - plan.start),
    countRows(base, users.table, plan.conditions.length > 0 || !!plan.search),
  ])
  return { rows: rows.map((r) => serializeRow(users, r, false)), count }
}

const pg = (await db.connection().getReadClient()) as any
const raw = (sql: string) => pg.raw(sql)

const cases: Array<[string, Record<string, string>, string, string]> = [
  [
    'newest first, no filter',
    { _start: '0', _end: '20', _sort: 'created_at', _order: 'desc' },
    'SELECT * FROM customers ORDER BY created_at DESC, id DESC LIMIT 20',
    'SELECT count(*) FROM customers',
  ],
  [
    'tier = pro, not frozen (250k match)',
    { _start: '0', _end: '20', _sort: 'created_at', _order: 'desc', tier: 'pro', frozen: 'false' },
    `SELECT * FROM customers WHERE tier = 'pro' AND frozen = false ORDER BY created_at DESC, id DESC LIMIT 20`,
    `SELECT count(*) FROM customers WHERE tier = 'pro' AND frozen = false`,
  ],
  [
    'email contains "user12345"',
    { _start: '0', _end: '20', email_like: 'user12345' },
    `SELECT * FROM customers WHERE email ILIKE '%user12345%' ORDER BY created_at DESC, id DESC LIMIT 20`,
    `SELECT count(*) FROM customers WHERE email ILIKE '%user12345%'`,
  ],
  [
    'page 500 (offset 10,000)',
    { _start: '10000', _end: '10020', _sort: 'created_at', _order: 'desc' },
    'SELECT * FROM customers ORDER BY created_at DESC, id DESC OFFSET 10000 LIMIT 20',
    'SELECT count(*) FROM customers',
  ],
]

console.log(`\ndatabase: ${await describeDatabase(db)}`)
console.log(`\ncustomers: ${Number((await db.rawQuery('SELECT count(*) AS n FROM customers')).rows[0].n).toLocaleString()}, ${RUNS} runs each, median ms`)
console.log('case'.padEnd(40), 'engine page+total'.padStart(18), 'raw page'.padStart(10), 'raw page+count(*)'.padStart(18), 'ratio vs raw page+count'.padStart(24))
for (const [name, qs, pageSql, countSql] of cases) {
  const e = await median(() => engine(qs))
  const p = await median(() => raw(pageSql))
  const pc = await median(() => Promise.all([raw(pageSql), raw(countSql)]))
  console.log(name.padEnd(40), e.toFixed(2).padStart(18), p.toFixed(2).padStart(10), pc.toFixed(2).padStart(18), (e / pc).toFixed(2).padStart(24))
}
const { count } = await engine({ _start: '0', _end: '20' })
console.log(`\ntotal reported for the unfiltered list: ${count.total.toLocaleString()} (${count.estimated ? 'planner estimate' : 'exact'})`)

await db.connection().releaseReadClient?.(pg)
await app.terminate()
