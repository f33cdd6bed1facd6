/**
 * Credit holds for long jobs (issue 10 §4), run for real: committed rows, parallel HTTP requests
 * through the internal API. A hold moves money into the customer's `held` bucket; capture
 * charges part of it and gives the rest back, release gives all of it back, expiry releases it,
 * each exactly once. The invariant checker (which includes held = Σ open holds) runs after each.
 */
import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { Agent, TEST_PASSWORD } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'
import { assertLedgerHolds, balances, fundCash, fundGift, units } from '#tests/support/ledger'
import jobs from '#services/jobs'
import { transaction } from '#services/transaction'
import { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { takeBack } from '#services/ledger/arrears'
import { systemAccount } from '#services/ledger/accounts'
import { customerBalances } from '#services/ledger/balances'
import releaseHold from '#actions/holds/release_hold'
import refundGeneration from '#actions/holds/refund_generation'

const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
const api = new Agent()
const hold = (body: Record<string, unknown>) => api.request('POST', '/api/internal/holds', body, service)
const capture = (id: number, body: Record<string, unknown> = {}) => api.request('POST', `/api/internal/holds/${id}/capture`, body, service)
const release = (id: number, body: Record<string, unknown> = {}) => api.request('POST', `/api/internal/holds/${id}/release`, body, service)
const deps = { actor: SYSTEM_ACTOR, facts: NO_REQUEST }
let seq = 0
const key = () => `job-${Date.now()}-${seq++}`

async function held(customerId: number) {
  const row = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId, code: 'held' }).first()
  return BigInt(row?.balance ?? 0)
}
const lotsOf = async (customerId: number) =>
  (await db.from('gift_lots as l').join('ledger_accounts as a', 'a.id', 'l.account_id').where('a.owner_id', customerId).orderBy('l.id').select('l.remaining')).map((l) => BigInt(l.remaining))
const holdTransactions = (id: number) => db.from('ledger_transactions').where('reference_type', 'hold').where('reference_id', String(id)).orderBy('id')

/** Makes the customer owe `amount` (what a provider-side refund of spent credit does). */
async function owe(customerId: number, amount: string) {
  await transaction((trx) =>
    takeBack(trx, { type: 'provider_refund', idempotencyKey: `test-owe:${key()}`, request: {}, actor: SYSTEM_ACTOR, customerId }, units(amount), async (u) => [
      { accountId: await systemAccount(trx, 'refunds'), amount: u },
    ])
  )
}

test.group('Credit holds', (group) => {
  const created: number[] = []
  const customer = async (overrides: Record<string, unknown> = {}) => {
    const c = await createCustomer(overrides)
    created.push(c.id)
    return c
  }
  group.each.teardown(async () => {
    // nothing is left on hold, so the held buckets stay equal to the open holds once rows are gone
    const open = await db.from('holds').whereIn('customer_id', created).where('status', 'held').select('id')
    for (const h of open) await transaction((trx) => releaseHold.handle({ holdId: Number(h.id) }, { trx, ...deps }))
  })
  group.teardown(async () => {
    if (!created.length) return
    await db.from('generations').whereIn('customer_id', created).delete()
    await db.from('holds').whereIn('customer_id', created).delete()
    await db.from('api_keys').whereIn('customer_id', created).delete()
    await db.from('customers').whereIn('id', created).delete()
  })

  test('hold then capture part: charged exactly the capture, the rest back (gift to its lots), held back to 0', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '10')
    await fundGift(c.id, '3', new Date(Date.now() + 86400_000))
    await fundGift(c.id, '2', new Date(Date.now() + 2 * 86400_000))
    const taken = await hold({ customer_id: c.id, amount: '8', idempotency_key: key(), expires_in: 600, generation: { type: 'video', prompt: 'rain on a tin roof' } })
    assert.equal(taken.status, 201, taken.text)
    assert.include(taken.body.hold, { status: 'held', amount: '8.000000', from_gift: '5.000000', from_cash: '3.000000', captured: null })
    assert.include(taken.body.hold.generation, { status: 'processing', credits: '8.000000', type: 'video' })
    assert.deepEqual(await balances(c.id), { cash: units('7'), gift: 0n })
    assert.equal(await held(c.id), units('8'))
    await assertLedgerHolds(assert)

    const id = taken.body.hold.id
    const done = await capture(id, { amount: '4.5', generation: { status: 'completed', output_urls: ['https://cdn.example.test/v/1.mp4'] } })
    assert.equal(done.status, 200, done.text)
    assert.include(done.body.hold, { status: 'captured', captured: '4.500000' })
    assert.include(done.body.hold.generation, { status: 'completed', credits: '4.500000' })
    assert.deepEqual(done.body.hold.generation.output_urls, ['https://cdn.example.test/v/1.mp4'])
    // the capture used the gift part first (4.5 of the 5 taken from gift); the rest goes back where it came from
    assert.deepEqual(await balances(c.id), { cash: units('10'), gift: units('0.5') })
    // soonest-expiring lot (3) was used in full, 0.5 returned to the later lot (2)
    assert.deepEqual(await lotsOf(c.id), [0n, units('0.5')])
    assert.equal(await held(c.id), 0n)
    const txs = await holdTransactions(id)
    assert.deepEqual(txs.map((t) => [t.type, t.amount]), [['usage_hold', String(units('8'))], ['usage_capture', String(units('4.5'))], ['usage_release', String(units('3.5'))]])
    assert.equal((await db.from('audit_logs').where({ resource: 'holds', record_id: String(id), action: 'capture' })).length, 1)
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('a generation hidden by content review is served no more: the platform reads it hidden, without its outputs', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '10')
    const taken = await hold({ customer_id: c.id, amount: '2', idempotency_key: key(), expires_in: 600, generation: { type: 'video', prompt: 'a lighthouse at dusk' } })
    const done = await capture(taken.body.hold.id, { generation: { status: 'completed', output_urls: ['https://cdn.example.test/v/9.mp4'] } })
    const generationId = done.body.hold.generation.id
    const read = () => api.request('GET', `/api/internal/generations/${generationId}`, undefined, service)
    const before = await read()
    assert.equal(before.status, 200, before.text)
    assert.include(before.body.generation, { hidden: false, status: 'completed' })
    assert.deepEqual(before.body.generation.output_urls, ['https://cdn.example.test/v/9.mp4'])

    const { agent: support } = await staffAgent('support')
    const hidden = await support.post(`/api/admin/generations/${generationId}/actions/hide`, { reason: 'Violates the content policy' })
    assert.equal(hidden.status, 200, hidden.text)
    const after = await read()
    assert.include(after.body.generation, { hidden: true })
    assert.deepEqual(after.body.generation.output_urls, [])
    assert.equal((await api.request('GET', '/api/internal/generations/999999999', undefined, service)).status, 404)
    assert.equal((await api.request('GET', `/api/internal/generations/${generationId}`, undefined, {})).status, 401)
  }).timeout(60_000)

  test('release gives everything back: cash and every gift lot exactly as before; the generation failed, never charged', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '4')
    await fundGift(c.id, '1.25', new Date(Date.now() + 86400_000))
    await fundGift(c.id, '2', null)
    const before = { balances: await balances(c.id), lots: await lotsOf(c.id) }
    const taken = await hold({ customer_id: c.id, amount: '6', idempotency_key: key(), expires_in: 600, generation: { type: 'video', prompt: 'whispering' } })
    assert.equal(taken.status, 201, taken.text)
    assert.deepEqual(await lotsOf(c.id), [0n, 0n])
    const id = taken.body.hold.id
    const freed = await release(id, { generation: { status: 'failed', failure_reason: 'upstream timeout' } })
    assert.equal(freed.status, 200, freed.text)
    assert.include(freed.body.hold, { status: 'released', captured: null })
    assert.include(freed.body.hold.generation, { status: 'failed', credits: '0.000000', failure_reason: 'upstream timeout' })
    assert.deepEqual(await balances(c.id), before.balances)
    assert.deepEqual(await lotsOf(c.id), before.lots)
    assert.equal(await held(c.id), 0n)
    assert.deepEqual((await holdTransactions(id)).map((t) => t.type), ['usage_hold', 'usage_release'])
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('capture and release racing 10× at once: exactly one outcome, balances consistent', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '5')
    await fundGift(c.id, '1')
    const taken = await hold({ customer_id: c.id, amount: '4', idempotency_key: key(), expires_in: 600 })
    const id = taken.body.hold.id
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? release(id) : capture(id, { amount: '3' }))))
    const fresh = replies.filter((r) => r.status === 200 && !r.headers.get('idempotency-replayed'))
    assert.lengthOf(fresh, 1)
    const outcome = fresh[0].body.hold.status as 'captured' | 'released'
    for (const r of replies) {
      if (r.status === 200) assert.equal(r.body.hold.status, outcome)
      else {
        assert.equal(r.status, 409, r.text)
        assert.equal(r.body.status, outcome)
      }
    }
    const kinds = (await holdTransactions(id)).map((t) => t.type)
    const b = await balances(c.id)
    if (outcome === 'captured') {
      assert.deepEqual(kinds, ['usage_hold', 'usage_capture', 'usage_release'])
      assert.equal(b.cash + b.gift, units('3'))
    } else {
      assert.deepEqual(kinds, ['usage_hold', 'usage_release'])
      assert.deepEqual(b, { cash: units('5'), gift: units('1') })
    }
    assert.equal(await held(c.id), 0n)
    assert.equal((await db.from('audit_logs').where({ resource: 'holds', record_id: String(id) }).whereIn('action', ['capture', 'release'])).length, 1)
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('a repeated capture replays; another amount or a release after it is a 409 with the status', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '5')
    const id = (await hold({ customer_id: c.id, amount: '5', idempotency_key: key(), expires_in: 600 })).body.hold.id
    const first = await capture(id, { amount: '2' })
    assert.equal(first.status, 200)
    assert.isNull(first.headers.get('idempotency-replayed'))
    const again = await capture(id, { amount: '2' })
    assert.equal(again.status, 200)
    assert.equal(again.headers.get('idempotency-replayed'), 'true')
    assert.deepEqual(again.body, first.body)
    const other = await capture(id, { amount: '3' })
    assert.equal(other.status, 409)
    assert.equal(other.body.status, 'captured')
    const late = await release(id)
    assert.equal(late.status, 409)
    assert.equal(late.body.status, 'captured')
    assert.equal((await balances(c.id)).cash, units('3'))
    assert.lengthOf(await holdTransactions(id), 3)
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('an expired hold is released by the job exactly once (job run twice), its generation failed', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '3')
    const taken = await hold({ customer_id: c.id, amount: '2', idempotency_key: key(), expires_in: 60, generation: { type: 'image', prompt: 'a cat' } })
    const id = taken.body.hold.id
    await jobs.run('holds-expire')
    assert.equal((await db.from('holds').where('id', id).first()).status, 'held')
    await db.from('holds').where('id', id).update({ expires_at: new Date(Date.now() - 1000) })
    await jobs.run('holds-expire')
    await jobs.run('holds-expire')
    const row = await db.from('holds').where('id', id).first()
    assert.equal(row.status, 'expired')
    assert.equal(row.settled_by, 'expiry')
    assert.deepEqual((await holdTransactions(id)).map((t) => t.type), ['usage_hold', 'usage_release'])
    assert.equal((await db.from('generations').where('hold_id', id).first()).status, 'failed')
    assert.equal((await balances(c.id)).cash, units('3'))
    // a release after expiry answers the expired hold; a capture is refused
    const again = await release(id)
    assert.equal(again.status, 200)
    assert.equal(again.body.hold.status, 'expired')
    assert.equal((await capture(id)).status, 409)
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('a hold the balance cannot cover, or while arrears are owed, is a 402; a frozen account 403; nothing written', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '2')
    await fundGift(c.id, '1')
    const k = key()
    const refused = await hold({ customer_id: c.id, amount: '3.000001', idempotency_key: k, expires_in: 600, generation: { type: 'video', prompt: 'x' } })
    assert.equal(refused.status, 402, refused.text)
    assert.equal(refused.body.code, 'INSUFFICIENT_FUNDS')
    assert.lengthOf(await db.from('holds').where('customer_id', c.id), 0)
    assert.lengthOf(await db.from('generations').where('customer_id', c.id), 0)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `ext:internal-service/holds:${k}`), 0)
    assert.deepEqual(await balances(c.id), { cash: units('2'), gift: units('1') })
    // the same key can be used once the refusal is gone (nothing was claimed)
    assert.equal((await hold({ customer_id: c.id, amount: '3', idempotency_key: k, expires_in: 600 })).status, 201)

    const d = await customer()
    await fundCash(d.id, '1')
    await owe(d.id, '1.5')
    const owing = await hold({ customer_id: d.id, amount: '0.1', idempotency_key: key(), expires_in: 600 })
    assert.equal(owing.status, 402)
    assert.equal(owing.body.code, 'INSUFFICIENT_FUNDS')

    const f = await customer({ frozen: true, frozen_reason: 'test', frozen_at: new Date() })
    await fundCash(f.id, '5')
    assert.equal((await hold({ customer_id: f.id, amount: '1', idempotency_key: key(), expires_in: 600 })).status, 403)
    assert.lengthOf(await db.from('holds').whereIn('customer_id', [d.id, f.id]), 0)
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('same idempotency key: same payload replays (also 10× at once), another payload is a 409', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '10')
    const k = key()
    const body = { customer_id: c.id, amount: '1', idempotency_key: k, expires_in: 600, generation: { type: 'video', prompt: 'p' } }
    const replies = await Promise.all(Array.from({ length: 10 }, () => hold(body)))
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
    for (const r of replies) assert.deepEqual(r.body, replies[0].body)
    const different = await hold({ ...body, amount: '2' })
    assert.equal(different.status, 409)
    assert.equal((await hold({ ...body, generation: { type: 'video', prompt: 'other' } })).status, 409)
    assert.lengthOf(await db.from('holds').where('customer_id', c.id), 1)
    assert.lengthOf(await db.from('generations').where('customer_id', c.id), 1)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `ext:internal-service/holds:${k}`), 1)
    // hold keys live apart from the same caller's charge keys: a charge with the same key is its own operation
    assert.equal((await api.request('POST', '/api/internal/charges', { customer_id: c.id, amount: '1', idempotency_key: k }, service)).status, 201)
    assert.equal((await balances(c.id)).cash, units('8'))
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('refunding a charged generation that failed: exactly once under 5 concurrent calls, gift back to its lots, arrears first', async ({ assert }) => {
    const c = await customer()
    await fundGift(c.id, '2', new Date(Date.now() + 86400_000))
    await fundCash(c.id, '8')
    const taken = await hold({ customer_id: c.id, amount: '10', idempotency_key: key(), expires_in: 600, generation: { type: 'video', prompt: 'ocean' } })
    const id = taken.body.hold.id
    const open = await db.from('generations').where('hold_id', id).first()
    const refund = (reason = 'video was black') => transaction((trx) => refundGeneration.handle({ record: open, fields: {}, reason }, { trx, ...deps }))
    await assert.rejects(() => refund(), /still on hold/)
    await capture(id, { amount: '6', generation: { status: 'completed', output_urls: [] } })
    // 6 charged: 2 from gift, 4 from cash; now the customer comes to owe 1
    await owe(c.id, '5')
    assert.deepEqual(await balances(c.id), { cash: 0n, gift: 0n })
    await assert.rejects(() => refund(''), /Reason is required/)

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => refund()))
    const ok = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<any>[]
    assert.lengthOf(ok, 1)
    for (const r of results.filter((x) => x.status === 'rejected') as PromiseRejectedResult[]) assert.match(r.reason.message, /already refunded/)
    assert.deepInclude(ok[0].value.result, { amount: '6.000000', to_gift: '2.000000', to_arrears: '1.000000', to_cash: '3.000000' })
    const generation = await db.from('generations').where('id', open.id).first()
    assert.equal(generation.status, 'failed')
    assert.equal(Number(generation.refund_transaction_id), ok[0].value.result.transaction_id)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `generation_refund:${open.id}`), 1)
    assert.deepEqual(await balances(c.id), { cash: units('3'), gift: units('2') })
    assert.deepEqual(await lotsOf(c.id), [units('2')])
    const arrears = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: c.id, code: 'arrears' }).first()
    assert.equal(arrears.balance, '0')
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('the wallet shows what is held and what is owed; the customer header counts the hold as on hold', async ({ assert }) => {
    const c = await customer()
    const agent = await new Agent().loginCustomer(c.email, TEST_PASSWORD)
    await fundCash(c.id, '5')
    const taken = await hold({ customer_id: c.id, amount: '1.5', idempotency_key: key(), expires_in: 600 })
    assert.equal(taken.status, 201)
    const wallet = await agent.get('/api/portal/wallet')
    assert.equal(wallet.status, 200)
    assert.include(wallet.body, { cash: '3.500000', held: '1.500000', arrears: '0.000000', total: '3.500000' })
    assert.equal((await customerBalances(db.connection(), c.id)).onHold, '1.500000')
    await release(taken.body.hold.id)
    await owe(c.id, '6')
    const after = await agent.get('/api/portal/wallet')
    assert.include(after.body, { cash: '0.000000', held: '0.000000', arrears: '1.000000' })
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('an amount from model + units is priced by the price in force and the multiplier', async ({ assert }) => {
    const c = await customer({ price_multiplier: '0.5' })
    await fundCash(c.id, '100')
    const code = `veo-test-${Date.now()}-${seq++}`
    const [model] = await db.table('usage_models').insert({ code, name: 'Veo test', vendor: 'google', kind: 'video', billing_unit: 'per_second' }).returning('*')
    await db.table('price_versions').insert({ model_id: model.id, version: 1, unit_price: '0.4', effective_at: new Date(Date.now() - 86400_000), after: JSON.stringify({ unit_price: '0.4' }) })
    const taken = await hold({ customer_id: c.id, model: code, units: '8', idempotency_key: key(), expires_in: 600, generation: { type: 'video', prompt: 'p' } })
    assert.equal(taken.status, 201, taken.text)
    // 8 s × 0.4 × 0.5
    assert.include(taken.body.hold, { amount: '1.600000', units: '8.000000', model_id: Number(model.id) })
    assert.equal(taken.body.hold.generation.model_id, Number(model.id))
    const unknown = await hold({ customer_id: c.id, model: 'no-such-model', units: '1', idempotency_key: key(), expires_in: 600 })
    assert.equal(unknown.status, 422)
    assert.equal(unknown.body.errors[0].field, 'model')
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('bad input is a clear 4xx and writes nothing', async ({ assert }) => {
    const c = await customer()
    await fundCash(c.id, '5')
    const base = { customer_id: c.id, amount: '1', idempotency_key: key(), expires_in: 600 }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, amount: '0' }, 'amount'],
      [{ ...base, amount: '1e3' }, 'amount'],
      [{ ...base, amount: '0.0000001' }, 'amount'],
      [{ ...base, amount: 5 }, 'amount'],
      [{ ...base, expires_in: 59 }, 'expires_in'],
      [{ ...base, expires_in: 86400 * 7 + 1 }, 'expires_in'],
      [{ ...base, model: 'm', units: '1' }, 'amount'],
      [{ ...base, customer_id: undefined }, 'customer_id'],
      [{ ...base, surprise: 1 }, 'surprise'],
      [{ ...base, generation: { type: 'hologram', prompt: 'x' } }, 'generation.type'],
    ]
    for (const [body, field] of cases) {
      const reply = await hold(body)
      assert.equal(reply.status, 422, `${JSON.stringify(body)} → ${reply.text}`)
      assert.equal(reply.body.errors[0].field, field, reply.text)
    }
    assert.equal((await api.request('POST', '/api/internal/holds', base)).status, 401)
    assert.equal((await capture(999_999_999)).status, 404)
    assert.equal((await capture(0)).status, 422)
    const id = (await hold(base)).body.hold.id
    const over = await capture(id, { amount: '1.000001' })
    assert.equal(over.status, 422)
    assert.equal(over.body.errors[0].field, 'amount')
    assert.equal((await capture(id, { generation: { status: 'completed', output_urls: ['javascript:alert(1)'] } })).status, 422)
    assert.equal((await db.from('holds').where('id', id).first()).status, 'held')
    assert.lengthOf(await db.from('holds').where('customer_id', c.id), 1)
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('a hold by API key belongs to the key owner; a disabled key or another customer\'s key is refused', async ({ assert }) => {
    const c = await customer()
    const other = await customer()
    await fundCash(c.id, '5')
    const [apiKey] = await db
      .table('api_keys')
      .insert({ customer_id: c.id, name: 'k', prefix: `t${Date.now() % 1e8}`, secret_hash: randomBytes(32).toString('hex') })
      .returning('*')
    const taken = await hold({ api_key_id: Number(apiKey.id), amount: '1', idempotency_key: key(), expires_in: 600 })
    assert.equal(taken.status, 201, taken.text)
    assert.include(taken.body.hold, { customer_id: c.id, api_key_id: Number(apiKey.id) })
    const mismatch = await hold({ customer_id: other.id, api_key_id: Number(apiKey.id), amount: '1', idempotency_key: key(), expires_in: 600 })
    assert.equal(mismatch.status, 422)
    await db.from('api_keys').where('id', apiKey.id).update({ status: 'disabled' })
    assert.equal((await hold({ api_key_id: Number(apiKey.id), amount: '1', idempotency_key: key(), expires_in: 600 })).status, 403)
    await release(taken.body.hold.id)
    await assertLedgerHolds(assert)
  }).timeout(60_000)
})
