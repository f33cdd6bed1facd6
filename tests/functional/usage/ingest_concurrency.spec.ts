/**
 * Usage batches racing for one customer, run for real: committed rows, parallel HTTP requests
 * on their own connections (no global transaction). Usage and ledger rows stay (append-only,
 * and the invariant checker matches postings to their usage rows); the customers are removed.
 */
import { test } from '@japa/runner'
import { committedCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, fundCash, units } from '#tests/support/ledger'
import { ingest, pricedModel, usagePostings, usageRecord, usageRows } from '#tests/support/usage_ingest'

const TOKENS = { input_tokens: 1000, output_tokens: 500 } // 0.006 each at the helper's prices

test.group('Usage ingestion under concurrency', (group) => {
  const customers = committedCustomers()
  group.teardown(() => customers.removeCommitted())

  test('8 overlapping batches at once: each request id billed once, balance = funds − Σ charged', async ({ assert }) => {
    const { model, channel } = await pricedModel()
    const c = await customers.create()
    await fundCash(c.id, '100')
    const records = Array.from({ length: 60 }, () => usageRecord({ customer_id: c.id, model: model.code, channel: channel.id, ...TOKENS }))
    const batches = Array.from({ length: 8 }, (_, i) => Array.from({ length: 30 }, (_, j) => records[(i * 7 + j) % records.length]))
    const replies = await Promise.all(batches.map((batch) => ingest({ records: batch })))
    assert.deepEqual(replies.map((r) => r.status), Array(8).fill(200))
    assert.equal(replies.reduce((n, r) => n + r.body.billed, 0), 60)
    assert.equal(replies.reduce((n, r) => n + r.body.duplicates, 0), 8 * 30 - 60)

    const rows = await usageRows(records.map((r) => r.request_id))
    assert.lengthOf(rows, 60)
    assert.lengthOf(new Set(rows.map((r) => r.request_id)), 60)
    const postings = await usagePostings(c.id)
    assert.equal(postings.length, replies.filter((r) => r.body.billed > 0).length)
    assert.equal(postings.reduce((sum, p) => sum + BigInt(p.amount), 0n), units('0.36'))
    assert.equal((await balances(c.id)).cash, units('100') - units('0.36'))
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('the same batch sent 6 times at once is billed once', async ({ assert }) => {
    const { model } = await pricedModel()
    const c = await customers.create()
    await fundCash(c.id, '1')
    const body = { records: Array.from({ length: 20 }, () => usageRecord({ customer_id: c.id, model: model.code, ...TOKENS })) }
    const replies = await Promise.all(Array.from({ length: 6 }, () => ingest(body)))
    assert.deepEqual(replies.map((r) => r.body.billed).sort(), [0, 0, 0, 0, 0, 20])
    assert.lengthOf(await usagePostings(c.id), 1)
    assert.equal((await balances(c.id)).cash, units('1') - units('0.12'))
    await assertLedgerHolds(assert)
  }).timeout(60_000)
})
