/**
 * Ledger debit throughput: the charge use case (idempotency claim, gift lots, locks, balance
 * check, entries, audit row — one DB transaction per debit) against a raw-SQL baseline that
 * issues the same statements through `pg` directly, in the same process, on the same data.
 *
 *   (a) debits spread over 1,000 customer accounts
 *   (b) every debit on one hot account
 * at concurrency 1, 8 and 32. Prints ops/s, p50, p99 and the ratio to the baseline.
 *
 *   npm run bench:ledger            (BENCH_OPS=2000 per cell by default)
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import pg from 'pg'
import { bootForBench, describeDatabase } from './boot.js'

const OPS = Number(process.env.BENCH_OPS ?? 2000)
const ACCOUNTS = 1000

const { app, db } = await bootForBench()
const { chargeCustomer } = await import('#actions/ledger/charge_customer')
const { post } = await import('#services/ledger/post')
const { customerAccount, systemAccount } = await import('#services/ledger/accounts')
const { checkInvariants } = await import('#services/ledger/invariants')
const { SYSTEM_ACTOR } = await import('#services/audit')

// customers with plenty of cash
const stamp = Date.now().toString(36)
const customers = (
  await db
    .table('customers')
    .multiInsert(Array.from({ length: ACCOUNTS }, (_, i) => ({ email: `bench-${stamp}-${i}@bench.test`, password: 'x' })))
    .returning('id')
).map((r) => Number(r.id))
for (const id of customers) {
  await db.transaction((trx) =>
    post(trx, { type: 'recharge', idempotencyKey: `bench-fund:${id}`, request: {}, actor: SYSTEM_ACTOR, customerId: id }, async () => [
      { accountId: await systemAccount(trx, 'payment_clearing'), amount: -1_000_000_000_000n },
      { accountId: await customerAccount(trx, id, 'cash'), amount: 1_000_000_000_000n },
    ])
  )
}
await db.transaction(async (trx) => {
  for (const id of customers) await customerAccount(trx, id, 'gift')
})
const accountIds = new Map<number, { cash: number; gift: number }>()
for (const row of await db.from('ledger_accounts').whereIn('owner_id', customers)) {
  const entry = accountIds.get(Number(row.owner_id)) ?? { cash: 0, gift: 0 }
  entry[row.code as 'cash' | 'gift'] = Number(row.id)
  accountIds.set(Number(row.owner_id), entry)
}
const revenueIds: number[] = []
for (let i = 0; i < 64; i++) revenueIds.push(await db.transaction((trx) => systemAccount(trx, 'usage_revenue')))

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })

/** The statements one charge issues, without the framework: the baseline. */
async function rawCharge(customerId: number, amount: bigint) {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT * FROM customers WHERE id = $1 FOR SHARE', [customerId])
    const key = `raw:${randomUUID()}`
    const tx = await client.query(
      `INSERT INTO ledger_transactions (type, asset, idempotency_key, request_hash, actor_type, customer_id, amount)
       VALUES ('usage_charge', 'USD', $1, $2, 'system', $3, $4) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [key, 'x'.repeat(64), customerId, amount.toString()]
    )
    const { cash, gift } = accountIds.get(customerId)!
    await client.query(`SELECT * FROM ledger_accounts WHERE owner_type = 'customer' AND code = 'cash' AND asset = 'USD' AND owner_id = $1`, [customerId])
    await client.query(`SELECT * FROM ledger_accounts WHERE owner_type = 'customer' AND code = 'gift' AND asset = 'USD' AND owner_id = $1`, [customerId])
    const revenueId = revenueIds[Math.floor(Math.random() * revenueIds.length)]
    await client.query(`SELECT * FROM ledger_accounts WHERE owner_type = 'system' AND code = 'usage_revenue' AND asset = 'USD' AND owner_id IS NULL AND shard = $1`, [0])
    await client.query(`SELECT id, remaining FROM gift_lots WHERE account_id = $1 AND remaining > 0 AND (expires_at IS NULL OR expires_at > now()) ORDER BY expires_at ASC NULLS LAST, id ASC FOR UPDATE`, [gift])
    const locked = await client.query('SELECT * FROM ledger_accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE', [[cash, revenueId]])
    const balances = new Map(locked.rows.map((r) => [Number(r.id), BigInt(r.balance)]))
    const cashAfter = balances.get(cash)! - amount
    const revenueAfter = balances.get(revenueId)! + amount
    await client.query('UPDATE ledger_accounts SET balance = $1, updated_at = now() WHERE id = $2', [cashAfter.toString(), cash])
    await client.query('UPDATE ledger_accounts SET balance = $1, updated_at = now() WHERE id = $2', [revenueAfter.toString(), revenueId])
    await client.query(
      `INSERT INTO ledger_entries (transaction_id, account_id, asset, amount, balance_after) VALUES ($1, $2, 'USD', $3, $4), ($1, $5, 'USD', $6, $7)`,
      [tx.rows[0].id, cash, (-amount).toString(), cashAfter.toString(), revenueId, amount.toString(), revenueAfter.toString()]
    )
    await client.query('SET CONSTRAINTS ledger_entries_balanced IMMEDIATE')
    await client.query(`INSERT INTO audit_logs (actor_type, action, resource, record_id) VALUES ('system', 'usage_charge', 'ledger-transactions', $1)`, [String(tx.rows[0].id)])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

async function engineCharge(customerId: number, amount: bigint) {
  await chargeCustomer({ customerId, amount, idempotencyKey: `bench:${randomUUID()}` }, SYSTEM_ACTOR, { ip: null, userAgent: null, requestId: null })
}

async function run(fn: (id: number, amount: bigint) => Promise<void>, pick: (i: number) => number, concurrency: number) {
  const latencies: number[] = []
  let next = 0
  const started = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < OPS) {
        const i = next++
        const t = process.hrtime.bigint()
        await fn(pick(i), 1_000n)
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6)
      }
    })
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  latencies.sort((a, b) => a - b)
  return { opsPerSecond: OPS / seconds, p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] }
}

const spread = (i: number) => customers[(i * 7919) % customers.length]
const hot = () => customers[0]
const lines: string[] = []
const say = (line: string) => {
  console.log(line)
  lines.push(line)
}
say(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${OPS} debits per cell`)
say(`database: ${await describeDatabase(db)}`)
say('')
say('| case | concurrency | engine ops/s | p50 ms | p99 ms | raw ops/s | raw p50 | raw p99 | engine / raw |')
say('|---|---|---|---|---|---|---|---|---|')
for (const [name, pick] of [
  ['(a) 1,000 accounts', spread],
  ['(b) one hot account', hot],
] as const) {
  for (const concurrency of [1, 8, 32]) {
    const raw = await run(rawCharge, pick, concurrency)
    const engine = await run(engineCharge, pick, concurrency)
    say(
      `| ${name} | ${concurrency} | ${engine.opsPerSecond.toFixed(0)} | ${engine.p50.toFixed(2)} | ${engine.p99.toFixed(2)} | ${raw.opsPerSecond.toFixed(0)} | ${raw.p50.toFixed(2)} | ${raw.p99.toFixed(2)} | ${(engine.opsPerSecond / raw.opsPerSecond).toFixed(2)} |`
    )
  }
}
const violations = await checkInvariants()
say('')
say(`invariants after the run: ${violations.length ? JSON.stringify(violations.slice(0, 3)) : 'hold'}`)
await pool.end()
await app.terminate()
