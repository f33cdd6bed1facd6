/**
 * Do audited writes slow down while the sealer runs?
 *
 * The same process alternates phases with the background sealer stopped and running (2 s
 * interval, as in the web process), each phase a fixed time of concurrent audited writes: one
 * transaction that updates a customer row and writes its audit row, like a console edit. Prints
 * throughput and latency per phase, how long rows waited for their seal, and the durability of
 * the database measured.
 *
 *   flock /tmp/creditdesk-test.lock npm run bench:seal
 *   BENCH_SECONDS=5 BENCH_WORKERS=8 BENCH_ROUNDS=2 (defaults)
 */
import { bootForBench, describeDatabase } from './boot.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)

const { app, db } = await bootForBench()
const { transaction } = await import('#services/transaction')
const { default: audit, SYSTEM_ACTOR } = await import('#services/audit')
const { Sealer } = await import('#services/seal/sealer')
const { verifyIntegrity } = await import('#services/seal/verify')

const stamp = Date.now().toString(36)
const customers = await db
  .table('customers')
  .multiInsert(Array.from({ length: WORKERS }, (_, i) => ({ email: `seal-bench-${stamp}-${i}@bench.local`, password: 'x', nickname: 'bench' })))
  .returning('id')
const ids = customers.map((c: any) => Number(c.id))

// whatever earlier runs left unsealed is sealed first, so every phase starts equal
const sealer = new Sealer()
await sealer.sealOnce()

async function audited(customerId: number, n: number) {
  await transaction(async (trx) => {
    await trx.from('customers').where('id', customerId).update({ nickname: `bench ${n}`, updated_at: new Date() })
    await audit.record(trx, { action: 'update', resource: 'users', recordId: customerId, before: { nickname: 'x' }, after: { nickname: `bench ${n}` } }, SYSTEM_ACTOR, {
      ip: null,
      userAgent: 'bench',
      requestId: null,
    })
  })
}

async function phase(sealing: boolean) {
  if (sealing) sealer.start(2000)
  const latencies: number[] = []
  const until = Date.now() + SECONDS * 1000
  await Promise.all(
    ids.map(async (id) => {
      for (let n = 0; Date.now() < until; n++) {
        const started = process.hrtime.bigint()
        await audited(id, n)
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6)
      }
    })
  )
  if (sealing) await sealer.stop()
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1)
  return { sealing, ops: latencies.length / SECONDS, p50: at(0.5), p99: at(0.99) }
}

const rows = []
for (let round = 0; round < ROUNDS; round++) {
  rows.push(await phase(false))
  rows.push(await phase(true))
}
const lag = await db.rawQuery(
  `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.sealed_at - a.occurred_at)) AS p50,
          max(extract(epoch FROM s.sealed_at - a.occurred_at)) AS max
     FROM audit_seals s JOIN audit_logs a ON a.id = s.row_id WHERE a.user_agent = 'bench' AND a.occurred_at > now() - interval '10 minutes'`
)
await sealer.sealOnce()
const report = await verifyIntegrity()

const mean = (sealing: boolean) => {
  const picked = rows.filter((r) => r.sealing === sealing)
  return picked.reduce((sum, r) => sum + r.ops, 0) / picked.length
}
console.log(`\nAudited writes with the sealer stopped vs running (${WORKERS} writers, ${SECONDS} s phases, ${ROUNDS} rounds)`)
console.log(await describeDatabase(db as any))
console.log('\n| phase | sealer | writes/s | p50 ms | p99 ms |\n|---|---|---|---|---|')
rows.forEach((r, i) => console.log(`| ${i + 1} | ${r.sealing ? 'running' : 'stopped'} | ${r.ops.toFixed(0)} | ${r.p50} | ${r.p99} |`))
console.log(`\nmean writes/s: stopped ${mean(false).toFixed(0)}, running ${mean(true).toFixed(0)} (${((mean(true) / mean(false) - 1) * 100).toFixed(1)} %)`)
console.log(`commit → seal while running: p50 ${Number(lag.rows[0].p50 ?? 0).toFixed(2)} s, max ${Number(lag.rows[0].max ?? 0).toFixed(2)} s; chains verify: ${report.ok ? 'intact' : 'BROKEN'}`)

await db.from('customers').whereIn('id', ids).delete()
await app.terminate()
