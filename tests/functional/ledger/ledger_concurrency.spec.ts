/**
 * Concurrency scenarios run for real: committed rows, parallel HTTP requests and database
 * connections (no global transaction, which would serialise everything on one connection).
 * The customers they create are removed afterwards; ledger rows are append-only and stay,
 * which the invariant checker covers like any other.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { Agent } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, fundCash, fundGift, units } from '#tests/support/ledger'
import { reverseTransaction } from '#services/ledger/reverse_transaction'
import { SYSTEM_ACTOR } from '#services/audit'

const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
const charge = (body: Record<string, unknown>) => new Agent().request('POST', '/api/internal/charges', body, service)

test.group('Ledger under concurrency', (group) => {
  const created: number[] = []
  const customer = async () => {
    const c = await createCustomer()
    created.push(c.id)
    return c
  }
  group.teardown(async () => {
    if (created.length) await db.from('customers').whereIn('id', created).delete()
  })

  test('50 concurrent debits of 20 against 100: exactly 5 succeed, never negative', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '100')
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => charge({ customer_id: c.id, amount: '20', idempotency_key: `race-${c.id}-${i}` })))
    const statuses = replies.map((r) => r.status)
    assert.equal(statuses.filter((s) => s === 201).length, 5)
    assert.equal(statuses.filter((s) => s === 402).length, 45)
    assert.equal((await balances(c.id)).cash, 0n)
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('the same key 10× at once: one transaction, every reply the same', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '10')
    await fundGift(c.id, '1')
    const key = `same-${c.id}`
    const replies = await Promise.all(Array.from({ length: 10 }, () => charge({ customer_id: c.id, amount: '3', idempotency_key: key })))
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
    for (const reply of replies) assert.deepEqual(reply.body, replies[0].body)
    // stored in the caller's namespace (an outside key can never equal an internal one)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `ext:internal-service:${key}`), 1)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', 'like', `%${key}`), 1)
    const b = await balances(c.id)
    assert.equal(b.gift + b.cash, units('8'))
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('2N concurrent reversals of N transactions: N succeed, N fail cleanly', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '50')
    const ids: number[] = []
    for (let i = 0; i < 6; i++) ids.push((await charge({ customer_id: c.id, amount: '2', idempotency_key: `rev-${c.id}-${i}` })).body.transaction.id)
    const attempts = await Promise.allSettled(
      [...ids, ...ids].map((id) => db.transaction((trx) => reverseTransaction(trx, id, SYSTEM_ACTOR, 'concurrent reversal')))
    )
    const ok = attempts.filter((a) => a.status === 'fulfilled').length
    const failed = attempts.filter((a) => a.status === 'rejected') as PromiseRejectedResult[]
    assert.equal(ok, 6)
    assert.lengthOf(failed, 6)
    for (const f of failed) assert.match(f.reason.message, /already reversed/)
    assert.equal((await balances(c.id)).cash, units('50'))
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('concurrent charges across gift lots and cash keep every lot and balance exact', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '7')
    await fundGift(c.id, '2', new Date(Date.now() + 86400_000))
    await fundGift(c.id, '3', new Date(Date.now() + 2 * 86400_000))
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => charge({ customer_id: c.id, amount: '0.75', idempotency_key: `mix-${c.id}-${i}` })))
    const ok = replies.filter((r) => r.status === 201).length
    assert.equal(ok, 16)
    const b = await balances(c.id)
    assert.equal(b.gift, 0n)
    assert.equal(b.cash, 0n)
    await assertLedgerHolds(assert)
  }).timeout(60_000)
})
