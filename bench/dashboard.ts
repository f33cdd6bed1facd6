/**
 * The console dashboard's cards at scale (issue 11 §4: every card p95 ≤ 100 ms at 10M usage rows).
 *
 * On its own durable embedded cluster (.data/pg-bench-dashboard unless DATABASE_URL is set): the
 * demo catalog, BENCH_DASHBOARD_CUSTOMERS customers created over the past year, BENCH_USAGE_ROWS
 * usage rows over 90 days (bench/usage_fill.ts, the same generator as bench:usage, spread over the
 * text models) and their rollups recomputed by the rebuild `usage:rollups --rebuild` runs (timed),
 * plus staff sign-ins in the audit log. Then, BENCH_RUNS times each (after 3 warm-up runs):
 *
 *   - each card alone (its four periods in one statement, as the summary computes it), and the
 *     summary's eight cards together;
 *   - each card's trend for this month (by day) and this year (by month), and today's by hour;
 *   - the baseline: the same usage figures computed by scanning usage_records (what the rollups
 *     avoid), BENCH_BASELINE_RUNS times, and checked equal to the card.
 *
 *   npm run bench:dashboard
 *   BENCH_USAGE_ROWS=10000000 npm run bench:dashboard     (10M rows; the fill and rebuild take a while once)
 *   BENCH_RUNS=40 BENCH_BASELINE_RUNS=5 BENCH_DASHBOARD_CUSTOMERS=100000 (defaults)
 */
import { cpus, totalmem } from 'node:os'
import { bootForBench, describeDatabase, fillCustomers } from './boot.js'
import { fillUsageRows } from './usage_fill.js'

const ROWS = Number(process.env.BENCH_USAGE_ROWS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 40)
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 5)
const CUSTOMERS = Number(process.env.BENCH_DASHBOARD_CUSTOMERS ?? 100_000)

process.env.EMBEDDED_PG_DIR ??= 'pg-bench-dashboard'
const { app, db, owner } = await bootForBench()
const { transaction } = await import('#services/transaction')
const { seedCatalog } = await import('#database/seeders/demo_usage')
const { prng } = await import('#database/seeders/demo_usage_traffic')
const { rebuildRollups, usageDayRange } = await import('#services/usage_rollups/rebuild')
const { dashboardCards, dashboardTrend, periodStarts } = await import('#services/dashboard/cards')
const { fromUnits } = await import('#services/ledger/amounts')
const { DASHBOARD_CARDS } = await import('#contract/dashboard')

const say = (line = '') => console.log(line)
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]
const seconds = (since: number) => fmt((Date.now() - since) / 1000, 1)

/* ---- data ---- */
if (!(await db.from('usage_models').first())) await transaction((trx) => seedCatalog(trx, Date.now(), prng(1)))
const models = (await db.from('usage_models').where('kind', 'text').orderBy('id').select('id')).map((r) => Number(r.id))
const channel = await db.from('channels').orderBy('id').firstOrFail()
const version = await db.from('price_versions').where('model_id', models[0]).orderBy('id', 'desc').firstOrFail()
let started = Date.now()
if (await fillCustomers(owner, CUSTOMERS, 'dashboard')) say(`  customers: ${fmt(CUSTOMERS)} (${seconds(started)} s)`)
const ids = (await db.from('customers').orderBy('id').limit(1001).select('id')).map((r) => Number(r.id))
started = Date.now()
if (await fillUsageRows(owner, { rows: ROWS, heavy: ids[0], others: ids.slice(1), modelIds: models, channelId: Number(channel.id), versionId: Number(version.id) })) {
  say(`  usage rows: filled to ${fmt(ROWS)} in ${seconds(started)} s`)
}
const total = Number((await owner.rawQuery('SELECT count(*) AS n FROM usage_records')).rows[0].n)
const rolled = Number((await owner.rawQuery('SELECT coalesce(sum(requests), 0) AS n FROM usage_rollup_daily')).rows[0].n)
let rebuildNote = 'rollups already in place'
if (rolled !== total) {
  const range = (await usageDayRange(db.connection()))!
  started = Date.now()
  const written = await transaction((trx) => rebuildRollups(trx, range))
  rebuildNote = `rollups rebuilt from ${fmt(total)} usage rows in ${seconds(started)} s (${fmt(written.hourly)} hourly, ${fmt(written.daily)} daily rows)`
  say(`  ${rebuildNote}`)
}
const logins = Number((await owner.rawQuery(`SELECT count(*) AS n FROM audit_logs WHERE action = 'login' AND actor_type = 'staff'`)).rows[0].n)
if (logins < 100_000) {
  await owner.rawQuery(
    `INSERT INTO audit_logs (occurred_at, actor_type, actor_id, actor_label, action, resource)
     SELECT now() - (g % 31536000) * interval '1 second', 'staff', 1, 'bench@demo.local', 'login', 'staff' FROM generate_series(1, ?) g`,
    [100_000 - logins]
  )
}
// what autovacuum does to a table in steady state (statistics, visibility map for index-only scans), done now rather than whenever it comes by
for (const table of ['usage_records', 'usage_rollup_daily', 'usage_rollup_hourly', 'customers', 'audit_logs', 'ledger_transactions']) await owner.rawQuery(`VACUUM (ANALYZE) ${table}`)
const count = async (table: string) => fmt(Number((await owner.rawQuery(`SELECT count(*) AS n FROM ${table}`)).rows[0].n))

/* ---- timing ---- */
async function timed(fn: () => Promise<unknown>, runs = RUNS) {
  for (let i = 0; i < Math.min(3, runs); i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint()
    await fn()
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) }
}

/** The usage cards computed from usage_records, as they would be without rollups (UTC periods, same FILTERs). */
const RAW: Record<string, string> = {
  tokens: 'sum(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens)',
  cost: 'sum(cost)',
  revenue: 'sum(charged)',
  margin: 'sum(margin)',
  active_users: 'count(DISTINCT customer_id)',
}
async function rawCard(card: string) {
  const starts = periodStarts(new Date())
  const earliest = new Date(Math.min(starts.week.getTime(), starts.year.getTime()))
  const periods = ['today', 'week', 'month', 'year'] as const
  const { rows } = await db.rawQuery(
    `SELECT ${periods.map((p) => `(${RAW[card]} FILTER (WHERE started_at >= ?))::text AS ${p}`).join(', ')} FROM usage_records WHERE started_at >= ?`,
    [...periods.map((p) => starts[p].toISOString()), earliest.toISOString()]
  )
  const kind = DASHBOARD_CARDS.find((c) => c.value === card)!.kind
  return Object.fromEntries(periods.map((p) => [p, kind === 'money' ? fromUnits(rows[0][p] ?? '0') : (rows[0][p] ?? '0')]))
}

const figures: string[] = []
const row = (what: string, app: { p50: number; p95: number }, baseline = '—', ratio = '—') =>
  figures.push(`| ${what} | p95 ${fmt(app.p95, 2)} ms (p50 ${fmt(app.p50, 2)}) | ${baseline} | ${ratio} | ${app.p95 <= 100 ? 'yes' : '**no**'} |`) && say(figures.at(-1))

for (const { value: card } of DASHBOARD_CARDS) {
  const appTimes = await timed(() => dashboardCards([card]))
  if (RAW[card]) {
    const mine = (await dashboardCards([card])).cards[0].values
    const raw = await rawCard(card)
    if (JSON.stringify(mine) !== JSON.stringify(raw)) throw new Error(`${card}: rollups ${JSON.stringify(mine)} ≠ usage rows ${JSON.stringify(raw)}`)
    const base = await timed(() => rawCard(card), BASELINE_RUNS)
    row(`card ${card} (today, week, month, year)`, appTimes, `scan of usage_records p95 ${fmt(base.p95, 1)} ms (p50 ${fmt(base.p50, 1)})`, `${fmt(appTimes.p95 / base.p95, 3)}`)
  } else {
    row(`card ${card} (today, week, month, year)`, appTimes)
  }
}
row('summary: all eight cards (in parallel, as GET /dashboard/summary computes them)', await timed(() => dashboardCards(DASHBOARD_CARDS.map((c) => c.value))))
for (const period of ['today', 'month', 'year'] as const) {
  for (const { value: card } of DASHBOARD_CARDS) row(`trend ${card}, ${period}`, await timed(() => dashboardTrend(card, period), Math.max(10, Math.floor(RUNS / 2))))
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
say()
say(`machine: ${machine}`)
say(`database: ${await describeDatabase(db.connection() as any)}`)
say(`data: ${await count('usage_records')} usage rows over 90 days; ${await count('usage_rollup_daily')} daily and ${await count('usage_rollup_hourly')} hourly rollup rows; ${await count('customers')} customers; ${await count('audit_logs')} audit rows; ${rebuildNote}`)
say(`runs: ${RUNS} per card (trends ${Math.max(10, Math.floor(RUNS / 2))}), ${BASELINE_RUNS} per baseline; at 10M rows: BENCH_USAGE_ROWS=10000000 npm run bench:dashboard`)
say('| figure | application (rollups / indexes) | baseline | app / baseline | p95 ≤ 100 ms |')
say('|---|---|---|---|---|')
for (const line of figures) say(line)
await app.terminate()
