/**
 * Usage ingestion (issue 10 §3, QUALITY 9, 13, 27, 28): every request billed exactly once, one
 * ledger posting per customer per batch, arrears instead of dropped usage. Each test runs in a
 * rolled-back global transaction; the invariant checker runs after every money test. Concurrent
 * batches need committed rows: ingest_concurrency.spec.ts.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { Agent } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { creditedOrder } from '#tests/support/factories'
import { assertLedgerHolds, balances, fundCash, fundGift, units } from '#tests/support/ledger'
import { addPriceVersion, apiKey, ingest, pricedModel, usagePostings, usageRecord, usageRows } from '#tests/support/usage_ingest'
import ingestUsage from '#actions/usage/ingest_usage'
import { transaction } from '#services/transaction'
import { NO_REQUEST } from '#services/use_case'
import { SYSTEM_ACTOR } from '#services/audit'
import { ensureUsagePartitionsAhead } from '#services/usage/partitions'
import { reverseTransaction } from '#services/ledger/reverse_transaction'

const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
// 1,000 input + 500 output tokens at 2 and 8 per 1M = 0.002 + 0.004; cost at 1 and 4 per 1M = 0.003
const TOKENS = { input_tokens: 1000, output_tokens: 500 }
const owed = async (customerId: number) => {
  const row = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId, code: 'arrears' }).first()
  return row ? -BigInt(row.balance) : 0n
}
const outcomes = (reply: { body: any }) => reply.body.results.map((r: any) => r.outcome)
const claimsCount = async () => Number((await db.from('usage_request_ids').count('* as n').first())!.n)

test.group('Usage ingestion', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('one usage_charge per customer per batch: rows linked to it, equal to their breakdown, wallet moves by the sum', async ({ assert }) => {
    const { model, channel } = await pricedModel()
    const [a, b] = [await createCustomer(), await createCustomer()]
    await fundCash(a.id, '10')
    await fundCash(b.id, '10')
    const key = await apiKey(a.id)
    const records = [
      usageRecord({ api_key_id: key.id, model: model.code, channel: channel.id, ...TOKENS }),
      usageRecord({ customer_id: a.id, model: model.code, channel: channel.name, ...TOKENS }),
      usageRecord({ api_key_id: key.id, customer_id: a.id, model: model.code, channel: channel.id, ...TOKENS, upstream_request_id: 'chatcmpl-1' }),
      usageRecord({ customer_id: b.id, model: model.code, channel: channel.name, ...TOKENS }),
      usageRecord({ customer_id: b.id, model: model.code, ...TOKENS }),
    ]
    const reply = await ingest({ records })
    assert.equal(reply.status, 200)
    assert.include(reply.body, { billed: 5, duplicates: 0, rejected: 0 })
    assert.deepEqual(reply.body.results.map((r: any) => [r.request_id, r.outcome, r.charged]), records.map((r) => [r.request_id, 'billed', '0.006000']))

    const [postA, postB] = [await usagePostings(a.id), await usagePostings(b.id)]
    assert.lengthOf(postA, 1)
    assert.lengthOf(postB, 1)
    assert.equal(postA[0].amount, String(units('0.018')))
    assert.equal(postB[0].amount, String(units('0.012')))
    const rows = await usageRows(records.map((r) => r.request_id))
    assert.deepEqual(rows.map((r) => Number(r.ledger_transaction_id)), [...Array(3).fill(Number(postA[0].id)), ...Array(2).fill(Number(postB[0].id))])
    assert.deepInclude(rows[0], { input_charge: '2000', output_charge: '4000', charged: '6000', cost: '3000', margin: '3000', multiplier: '1.0000' })
    assert.equal(rows[2].upstream_request_id, 'chatcmpl-1')
    // no channel: no cost
    assert.deepInclude(rows[4], { channel_id: null, cost: '0', margin: '6000' })
    assert.equal((await balances(a.id)).cash, units('10') - units('0.018'))
    // one audit row per posting, in its transaction
    const audits = await db.from('audit_logs').where({ action: 'usage_charge', resource: 'ledger-transactions' }).whereIn('record_id', [String(postA[0].id), String(postB[0].id)])
    assert.lengthOf(audits, 2)
    await assertLedgerHolds(assert)
  })

  test('a full batch of 1,000 realistic records (well over the 256 kB default body limit) lands over HTTP; other routes keep the limit', async ({ assert }) => {
    const { model, channel } = await pricedModel()
    const customer = await createCustomer()
    await fundCash(customer.id, '100')
    const key = await apiKey(customer.id)
    const records = Array.from({ length: 1000 }, (_, i) =>
      usageRecord({
        request_id: `gw-eu-west-1-${'0'.repeat(20)}-${i}`,
        api_key_id: key.id,
        model: model.code,
        channel: channel.name,
        ...TOKENS,
        cache_read_tokens: 128,
        upstream_request_id: `chatcmpl-${'x'.repeat(40)}-${i}`,
        job_id: `job-${'y'.repeat(30)}-${i}`,
      })
    )
    const body = JSON.stringify({ records })
    assert.isAbove(Buffer.byteLength(body), 300_000)
    const reply = await ingest({ records })
    assert.equal(reply.status, 200)
    assert.include(reply.body, { billed: 1000, duplicates: 0, rejected: 0 })
    assert.lengthOf(await usagePostings(customer.id), 1)
    const other = await new Agent().request('POST', '/api/internal/charges', { pad: 'x'.repeat(300_000) }, service)
    assert.equal(other.status, 413)
    await assertLedgerHolds(assert)
  })

  test('a request id repeated in the batch or sent again later is a duplicate, billed nothing; a whole replay adds nothing', async ({ assert }) => {
    const { model } = await pricedModel()
    const c = await createCustomer()
    await fundCash(c.id, '5')
    const [x, y, z] = [usageRecord({ customer_id: c.id, model: model.code, ...TOKENS }), usageRecord({ customer_id: c.id, model: model.code, ...TOKENS }), usageRecord({ customer_id: c.id, model: model.code, ...TOKENS })]
    const first = await ingest({ records: [x, y, { ...x, input_tokens: 99 }] })
    assert.deepEqual(outcomes(first), ['billed', 'billed', 'duplicate'])
    assert.match(first.body.results[2].reason, /earlier in this batch/)

    const second = await ingest({ records: [x, y, z] })
    assert.deepEqual(outcomes(second), ['duplicate', 'duplicate', 'billed'])
    assert.equal(second.body.results[0].usage_id, first.body.results[0].usage_id)
    const before = { cash: (await balances(c.id)).cash, postings: (await usagePostings(c.id)).length, claims: await claimsCount() }

    const replay = await ingest({ records: [x, y, z] })
    assert.include(replay.body, { billed: 0, duplicates: 3, rejected: 0 })
    assert.deepEqual({ cash: (await balances(c.id)).cash, postings: (await usagePostings(c.id)).length, claims: await claimsCount() }, before)
    assert.lengthOf(await usageRows([x.request_id, y.request_id, z.request_id]), 3)
    assert.equal(before.cash, units('5') - units('0.018'))
    await assertLedgerHolds(assert)
  })

  test('partial rejection: bad records are rejected with a reason, the rest lands; the full retry bills each once', async ({ assert }) => {
    const { model } = await pricedModel()
    const [a, b] = [await createCustomer(), await createCustomer()]
    await fundCash(a.id, '5')
    const keyOfB = await apiKey(b.id)
    const good = [usageRecord({ customer_id: a.id, model: model.code, ...TOKENS }), usageRecord({ customer_id: a.id, model: model.code, ...TOKENS })]
    const bad = [
      [usageRecord({ customer_id: a.id, model: 'no-such-model', ...TOKENS }), { model: model.code }, /unknown model/],
      [usageRecord({ api_key_id: 987654321, model: model.code, ...TOKENS }), { api_key_id: undefined, customer_id: a.id }, /unknown API key/],
      [usageRecord({ api_key_id: keyOfB.id, customer_id: a.id, model: model.code, ...TOKENS }), { api_key_id: undefined }, /does not belong/],
      [usageRecord({ customer_id: a.id, model: model.code, input_tokens: -1 }), { input_tokens: 1 }, /input_tokens must be a non-negative integer/],
      [usageRecord({ customer_id: a.id, model: model.code, started_at: new Date(Date.now() + 10 * 60_000).toISOString() }), { started_at: new Date().toISOString() }, /future/],
      [usageRecord({ customer_id: a.id, model: model.code, colour: 'red' }), { colour: undefined }, /unknown field "colour"/],
      [usageRecord({ customer_id: 987654321, model: model.code }), { customer_id: a.id }, /unknown customer/],
    ] as const
    const reply = await ingest({ records: [good[0], ...bad.map(([r]) => r), good[1]] })
    assert.equal(reply.status, 200)
    assert.include(reply.body, { billed: 2, duplicates: 0, rejected: bad.length })
    bad.forEach(([record, , reason], i) => {
      const result = reply.body.results[i + 1]
      assert.equal(result.request_id, record.request_id)
      assert.equal(result.outcome, 'rejected')
      assert.match(result.reason, reason)
    })
    assert.lengthOf(await usageRows(bad.map(([r]) => r.request_id)), 0)

    const fixed = bad.map(([record, fix]) => JSON.parse(JSON.stringify({ ...record, ...fix })))
    const retry = await ingest({ records: [good[0], ...fixed, good[1]] })
    assert.deepEqual(outcomes(retry), ['duplicate', ...bad.map(() => 'billed'), 'duplicate'])
    const rows = await usageRows([...good, ...fixed].map((r) => r.request_id))
    assert.lengthOf(rows, good.length + fixed.length)
    const charged = rows.reduce((sum, r) => sum + BigInt(r.charged), 0n)
    assert.equal((await balances(a.id)).cash, units('5') - charged)
    await assertLedgerHolds(assert)
  })

  test('a channel is named by id (number) or name (string); an unknown one is rejected; one without a cost price for the model bills at cost 0 and says so', async ({ assert }) => {
    const { model, channel } = await pricedModel()
    const other = await pricedModel({ costs: null })
    const c = await createCustomer()
    await fundCash(c.id, '1')
    const reply = await ingest({
      records: [
        usageRecord({ customer_id: c.id, model: model.code, channel: channel.id, ...TOKENS }),
        usageRecord({ customer_id: c.id, model: model.code, channel: channel.name, ...TOKENS }),
        usageRecord({ customer_id: c.id, model: model.code, channel: 'no-such-channel', ...TOKENS }),
        usageRecord({ customer_id: c.id, model: model.code, channel: other.channel.id, ...TOKENS }),
      ],
    })
    assert.deepEqual(outcomes(reply), ['billed', 'billed', 'rejected', 'billed'])
    assert.match(reply.body.results[2].reason, /unknown channel "no-such-channel"/)
    assert.match(reply.body.results[3].note, /no cost price/)
    const rows = await usageRows(reply.body.results.map((r: any) => r.request_id))
    assert.deepEqual(rows.map((r) => [Number(r.channel_id), r.cost]), [[channel.id, '3000'], [channel.id, '3000'], [other.channel.id, '0']])
    await assertLedgerHolds(assert)
  })

  test('a malformed envelope is a 422 and writes nothing; bytes that are not JSON are refused by the parser', async ({ assert }) => {
    const { model } = await pricedModel()
    const c = await createCustomer()
    const ok = usageRecord({ customer_id: c.id, model: model.code, ...TOKENS })
    const claims = await claimsCount()
    for (const body of [{ records: 'all of them' }, { records: [] }, { records: Array(1001).fill(ok) }, { records: [ok], extra: 1 }, [ok], {}]) {
      const reply = await ingest(body)
      assert.equal(reply.status, 422, JSON.stringify(body).slice(0, 60))
      assert.isArray(reply.body.errors)
    }
    const garbled = await new Agent().request('POST', '/api/internal/usage', '{"records": [', { ...service, 'content-type': 'application/json' })
    assert.equal(garbled.status, 400)
    assert.equal(garbled.body.message, 'The request body is not valid JSON')
    const unauthenticated = await new Agent().request('POST', '/api/internal/usage', { records: [ok] })
    assert.equal(unauthenticated.status, 401)
    assert.equal(await claimsCount(), claims)
    assert.lengthOf(await usageRows([ok.request_id]), 0)
  })

  test('a late record is priced by the version in force at its own time; before any version it is rejected', async ({ assert }) => {
    const { model } = await pricedModel({ effectiveAt: new Date(Date.now() - 30 * 86400_000) })
    const v2 = await addPriceVersion(model.id, { input_price: '4', output_price: '16' }, new Date(Date.now() - 3600_000))
    const c = await createCustomer()
    await fundCash(c.id, '5')
    const late = usageRecord({ customer_id: c.id, model: model.code, ...TOKENS, started_at: new Date(Date.now() - 2 * 3600_000).toISOString() })
    const fresh = usageRecord({ customer_id: c.id, model: model.code, ...TOKENS })
    const ancient = usageRecord({ customer_id: c.id, model: model.code, ...TOKENS, started_at: new Date(Date.now() - 40 * 86400_000).toISOString() })
    // sent after the new version took effect, the late record still gets the old price
    const reply = await ingest({ records: [fresh, late, ancient] })
    assert.deepEqual(reply.body.results.map((r: any) => r.charged ?? r.outcome), ['0.012000', '0.006000', 'rejected'])
    assert.match(reply.body.results[2].reason, /no price in force/)
    const rows = await usageRows([fresh.request_id, late.request_id])
    assert.equal(Number(rows.find((r) => r.request_id === fresh.request_id).price_version_id), Number(v2.id))
    await assertLedgerHolds(assert)
  })

  test("the customer's own multiplier, else its tier's, applies to every component", async ({ assert }) => {
    const { model, channel } = await pricedModel()
    await db.from('tiers').where('code', 'pro').update({ price_multiplier: '0.8' })
    const own = await createCustomer({ price_multiplier: '0.5', tier: 'pro' })
    const tiered = await createCustomer({ tier: 'pro' })
    await fundCash(own.id, '1')
    await fundCash(tiered.id, '1')
    const reply = await ingest({ records: [usageRecord({ customer_id: own.id, model: model.code, channel: channel.id, ...TOKENS }), usageRecord({ customer_id: tiered.id, model: model.code, channel: channel.id, ...TOKENS })] })
    assert.deepEqual(reply.body.results.map((r: any) => r.charged), ['0.003000', '0.004800'])
    const rows = await usageRows(reply.body.results.map((r: any) => r.request_id))
    assert.deepEqual(rows.map((r) => [r.multiplier, r.input_charge, r.output_charge, r.cost]), [['0.5000', '1000', '2000', '3000'], ['0.8000', '1600', '3200', '3000']])
    await assertLedgerHolds(assert)
  })

  test('usage the balance cannot cover is billed anyway: gift, then cash, the rest becomes arrears (a frozen customer too); charges are refused while owed', async ({ assert }) => {
    const { model } = await pricedModel({ prices: { input_price: '10000' } })
    const c = await createCustomer({ frozen: true })
    await fundGift(c.id, '4', new Date(Date.now() + 86400_000))
    await fundCash(c.id, '5')
    // 1,000 tokens at 10,000 per 1M = 10.00 each, 3 records = 30.00: gift 4, cash 5, arrears 21
    const reply = await ingest({ records: [1, 2, 3].map(() => usageRecord({ customer_id: c.id, model: model.code, input_tokens: 1000 })) })
    assert.include(reply.body, { billed: 3 })
    assert.deepEqual(await balances(c.id), { cash: 0n, gift: 0n })
    assert.equal(await owed(c.id), units('21'))
    const [posting] = await usagePostings(c.id)
    assert.equal(posting.amount, String(units('30')))
    await db.from('customers').where('id', c.id).update({ frozen: false })
    const refused = await new Agent().request('POST', '/api/internal/charges', { customer_id: c.id, amount: '1', idempotency_key: `after-usage-${c.id}` }, service)
    assert.equal(refused.status, 402)
    const key = await apiKey(c.id)
    const verify = await new Agent().request('POST', '/api/internal/keys/verify', { key: key.secret, model: model.code, ip: '127.0.0.1' }, service)
    assert.deepInclude(verify.body, { ok: false, code: 'INSUFFICIENT_FUNDS' })
    assert.match(verify.body.message, /arrears/)
    await assertLedgerHolds(assert)
  })

  test('the next recharge settles usage arrears first', async ({ assert }) => {
    const { model } = await pricedModel({ prices: { input_price: '1000' } })
    const c = await createCustomer()
    await fundCash(c.id, '1')
    await ingest({ records: [usageRecord({ customer_id: c.id, model: model.code, input_tokens: 3000 })] })
    assert.equal(await owed(c.id), units('2'))
    await creditedOrder(c.id, { grant_amount: 10_000_000 })
    assert.equal(await owed(c.id), 0n)
    assert.equal((await balances(c.id)).cash, units('8'))
    await assertLedgerHolds(assert)

    // reversing that usage afterwards gives all 3 back to cash: the 2 once owed were paid by the recharge
    const [charge] = await usagePostings(c.id)
    await transaction((trx) => reverseTransaction(trx, Number(charge.id), SYSTEM_ACTOR, 'Billed by mistake'))
    assert.equal(await owed(c.id), 0n)
    assert.equal((await balances(c.id)).cash, units('11'))
    await assertLedgerHolds(assert)
  })

  test('reversing usage that is still owed takes the debt back off the arrears, not into cash', async ({ assert }) => {
    const { model } = await pricedModel({ prices: { input_price: '1000' } })
    const c = await createCustomer()
    await fundCash(c.id, '1')
    await ingest({ records: [usageRecord({ customer_id: c.id, model: model.code, input_tokens: 3000 })] })
    const [charge] = await usagePostings(c.id)
    await transaction((trx) => reverseTransaction(trx, Number(charge.id), SYSTEM_ACTOR, 'Billed by mistake'))
    assert.equal(await owed(c.id), 0n)
    assert.equal((await balances(c.id)).cash, units('1'))
    await assertLedgerHolds(assert)
  })

  test('counts beyond 2^53 are exact as digit strings; an unsafe JSON number is rejected, not rounded', async ({ assert }) => {
    const { model } = await pricedModel({ prices: { input_price: '1' } })
    const c = await createCustomer()
    const exact = usageRecord({ customer_id: c.id, model: model.code, input_tokens: '9007199254740993' })
    const unsafe = usageRecord({ customer_id: c.id, model: model.code })
    const body = JSON.stringify({ records: [exact, unsafe] }).replace(`"request_id":"${unsafe.request_id}"`, `"request_id":"${unsafe.request_id}","input_tokens":9007199254740993`)
    const reply = await new Agent().request('POST', '/api/internal/usage', body, { ...service, 'content-type': 'application/json' })
    assert.equal(reply.status, 200)
    assert.deepInclude(reply.body.results[0], { outcome: 'billed', charged: '9007199254.740993' })
    assert.deepInclude(reply.body.results[1], { outcome: 'rejected' })
    assert.match(reply.body.results[1].reason, /digit string/)
    const [row] = await usageRows([exact.request_id])
    assert.deepInclude(row, { input_tokens: '9007199254740993', charged: '9007199254740993' })
    assert.equal(await owed(c.id), 9007199254740993n)
    await assertLedgerHolds(assert)
  })

  test('what is billed: errors only for their tokens (zero tokens cost nothing), per-request success = 1 request, a cancelled stream for what it reports', async ({ assert }) => {
    const tokens = await pricedModel()
    const perRequest = await pricedModel({ billingUnit: 'per_request', prices: { unit_price: '0.04' }, costs: { unit_cost: '0.01' } })
    const c = await createCustomer()
    await fundCash(c.id, '5')
    const onlyErrors = await createCustomer()
    const reply = await ingest({
      records: [
        usageRecord({ customer_id: c.id, model: tokens.model.code, status: 'error' }),
        usageRecord({ customer_id: c.id, model: tokens.model.code, status: 'error', input_tokens: 1000 }),
        usageRecord({ customer_id: c.id, model: tokens.model.code, status: 'cancelled', ...TOKENS }),
        usageRecord({ customer_id: c.id, model: perRequest.model.code, channel: perRequest.channel.id }),
        usageRecord({ customer_id: c.id, model: perRequest.model.code, status: 'error', units: '1' }),
        usageRecord({ customer_id: onlyErrors.id, model: tokens.model.code, status: 'error' }),
      ],
    })
    assert.deepEqual(reply.body.results.map((r: any) => [r.outcome, r.charged]), [
      ['billed', '0.000000'], ['billed', '0.002000'], ['billed', '0.006000'], ['billed', '0.040000'], ['billed', '0.000000'], ['billed', '0.000000'],
    ])
    const rows = await usageRows(reply.body.results.map((r: any) => r.request_id))
    assert.deepInclude(rows[3], { units: '1.000000', unit_charge: '40000', cost: '10000' })
    assert.deepInclude(rows[4], { units: '0.000000', charged: '0' })
    // a customer whose rows cost nothing gets no posting
    assert.lengthOf(await usagePostings(onlyErrors.id), 0)
    assert.isNull(rows[5].ledger_transaction_id)
    assert.equal((await balances(c.id)).cash, units('5') - units('0.048'))
    await assertLedgerHolds(assert)
  })

  test("a key's spend per UTC day and its last use move with each batch, in the batch's transaction", async ({ assert }) => {
    const { model } = await pricedModel()
    const c = await createCustomer()
    await fundCash(c.id, '5')
    const key = await apiKey(c.id)
    const now = Date.now() - 60_000
    const yesterday = new Date(now - 86400_000).toISOString()
    const batch = (n: number, at: string) => Array.from({ length: n }, () => usageRecord({ api_key_id: key.id, model: model.code, ...TOKENS, started_at: at }))
    await ingest({ records: [...batch(2, new Date(now).toISOString()), ...batch(1, yesterday)] })
    await ingest({ records: batch(1, new Date(now - 1000).toISOString()) })
    const spend = await db.from('api_key_spend').where('api_key_id', key.id).orderBy('day')
    assert.deepEqual(spend.map((s) => [s.amount, s.requests, s.tokens]), [['6000', '1', '1500'], ['18000', '3', '4500']])
    const row = await db.from('api_keys').where('id', key.id).first()
    assert.equal(new Date(row.last_used_at).getTime(), now)
    await assertLedgerHolds(assert)
  })

  test('a batch whose write fails after claiming its ids leaves them free: the retry bills each exactly once (QUALITY 28)', async ({ assert }) => {
    const { model } = await pricedModel()
    const c = await createCustomer()
    await fundCash(c.id, '5')
    const body = { records: [usageRecord({ customer_id: c.id, model: model.code, ...TOKENS }), usageRecord({ customer_id: c.id, model: model.code, ...TOKENS })] }
    const ids = body.records.map((r) => r.request_id)
    await assert.rejects(
      () =>
        transaction(async (trx) => {
          const done = await ingestUsage.handle(body, { trx, actor: SYSTEM_ACTOR, facts: NO_REQUEST })
          assert.equal(done.billed, 2)
          throw new Error('connection lost before COMMIT')
        }),
      /connection lost/
    )
    assert.lengthOf(await db.from('usage_request_ids').whereIn('request_id', ids), 0)
    assert.lengthOf(await usagePostings(c.id), 0)
    const retry = await ingest(body)
    assert.include(retry.body, { billed: 2 })
    assert.include((await ingest(body)).body, { billed: 0, duplicates: 2 })
    assert.lengthOf(await usageRows(ids), 2)
    assert.equal((await balances(c.id)).cash, units('5') - units('0.012'))
    await assertLedgerHolds(assert)
  })

  test('a record of a month without a partition creates it; the job keeps months ahead; a time filter prunes to one partition', async ({ assert }) => {
    const { model } = await pricedModel()
    const c = await createCustomer()
    await fundCash(c.id, '1')
    const old = new Date()
    old.setUTCMonth(old.getUTCMonth() - 9, 15)
    const name = `usage_records_${old.getUTCFullYear()}_${String(old.getUTCMonth() + 1).padStart(2, '0')}`
    const reply = await ingest({ records: [usageRecord({ customer_id: c.id, model: model.code, ...TOKENS, started_at: old.toISOString() })] })
    assert.include(reply.body, { billed: 1 })
    const made = await db.rawQuery('SELECT to_regclass(?) AS t', [`public.${name}`])
    assert.equal(made.rows[0].t, name)
    const ahead = await ensureUsagePartitionsAhead(5)
    assert.lengthOf(ahead, 6)
    const plan = await db.rawQuery(`EXPLAIN SELECT count(*) FROM usage_records WHERE started_at >= ? AND started_at < ?`, [
      new Date(Date.UTC(old.getUTCFullYear(), old.getUTCMonth(), 1)),
      new Date(Date.UTC(old.getUTCFullYear(), old.getUTCMonth(), 28)),
    ])
    const scanned = plan.rows.map((r: any) => r['QUERY PLAN']).join('\n').match(/usage_records_\d{4}_\d{2}/g) ?? []
    assert.deepEqual([...new Set(scanned)], [name])
    await assertLedgerHolds(assert)
  })
})
