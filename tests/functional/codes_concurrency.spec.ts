/**
 * QUALITY.md scenario 7 (and 1 for redeem) run for real: committed rows and parallel HTTP
 * requests, no global transaction (which would serialise everything on one connection).
 * The codes and customers created here are removed afterwards; ledger rows are append-only
 * and stay, which the invariant checker covers like any other.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { Agent } from '#tests/support/agent'
import { createCustomer, createStaff } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, units } from '#tests/support/ledger'
import { REDEEM_LIMITS } from '#actions/codes/redeem_code'

const REDEEM = '/api/portal/wallet/redeem'

test.group('Codes under concurrency', (group) => {
  const customers: number[] = []
  const staff: number[] = []
  const batches: string[] = []

  async function clearIpLock() {
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) await limiter.use(REDEEM_LIMITS.perIp).delete(`redeem:ip:${ip}`)
  }

  async function oneCode(amount: string) {
    const operator = await createStaff('operations')
    staff.push(operator.id)
    const agent = await new Agent().loginStaff(operator.email)
    const reply = await agent.post('/api/admin/redemption-codes/actions/generate', { count: 1, amount, bucket: 'cash' })
    batches.push(reply.body.result.batch_id)
    return reply.body.result.codes[0] as string
  }

  async function signedInCustomers(count: number) {
    const out: Array<{ id: number; agent: Agent }> = []
    for (let i = 0; i < count; i++) {
      const customer = await createCustomer()
      customers.push(customer.id)
      out.push({ id: customer.id, agent: await new Agent(`racer-${i}`).loginCustomer(customer.email) })
    }
    return out
  }

  group.setup(clearIpLock)
  group.teardown(async () => {
    await clearIpLock()
    if (batches.length) await db.from('redemption_codes').whereIn('batch_id', batches).delete()
    if (customers.length) await db.from('customers').whereIn('id', customers).delete()
    if (staff.length) await db.from('staff').whereIn('id', staff).delete()
  })

  test('10 customers redeem the same code at once: exactly one succeeds, the value is credited once', async ({ assert }) => {
    const code = await oneCode('7.77')
    const racers = await signedInCustomers(10)
    const replies = await Promise.all(racers.map((r) => r.agent.post(REDEEM, { code })))
    const statuses = replies.map((r) => r.status)
    assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses))
    assert.equal(statuses.filter((s) => s === 422).length, 9, JSON.stringify(statuses))
    for (const reply of replies.filter((r) => r.status === 422)) {
      assert.equal(reply.body.errors[0].rule, 'redeemed')
    }
    const winner = racers[statuses.indexOf(201)]
    const row = await db.from('redemption_codes').where('batch_id', batches.at(-1)!).first()
    assert.equal(row.status, 'REDEEMED')
    assert.equal(Number(row.redeemed_by), winner.id)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `redeem:${row.id}`), 1)
    assert.lengthOf(await db.from('ledger_transactions').where({ reference_type: 'redemption_code', reference_id: String(row.id) }), 1)
    for (const racer of racers) {
      const b = await balances(racer.id)
      assert.equal(b.cash + b.gift, racer === winner ? units('7.77') : 0n)
    }
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('one customer submitting the same code 10× at once: one transaction, every reply the same redemption', async ({ assert }) => {
    await clearIpLock()
    const code = await oneCode('2')
    const [customer] = await signedInCustomers(1)
    const replies = await Promise.all(Array.from({ length: 10 }, () => customer.agent.post(REDEEM, { code })))
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
    for (const reply of replies) assert.deepEqual(reply.body.redemption, replies[0].body.redemption)
    const row = await db.from('redemption_codes').where('batch_id', batches.at(-1)!).first()
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `redeem:${row.id}`), 1)
    assert.equal((await balances(customer.id)).cash, units('2'))
    await assertLedgerHolds(assert)
  }).timeout(60_000)
})
