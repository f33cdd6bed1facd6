/**
 * The usage rollups (issue 11 §4) stay exactly the sums of the usage rows they cover: after
 * concurrent ingests, after a replayed batch, and after `usage:rollups --rebuild`. Run for real
 * (committed rows, parallel requests on their own connections): usage rows and rollups stay,
 * the customers are removed.
 */
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { committedCustomers } from '#tests/support/fixtures'
import { fundCash } from '#tests/support/ledger'
import { apiKey, ingest, pricedModel, usageRecord } from '#tests/support/usage_ingest'
import { checkRollups, type DayRange } from '#services/usage_rollups/rebuild'
import UsageRollups from '../../../backend/commands/usage_rollups.js'

const HOUR = 3_600_000
const TOKENS = { input_tokens: 1000, output_tokens: 500 } // charged 0.006, cost 0.003 at the helper's prices
const day = (at: number) => new Date(at).toISOString().slice(0, 10)
const rangeOf = (times: number[]): DayRange => ({ from: day(Math.min(...times)), to: day(Math.max(...times) + 86_400_000) })

/** The daily rollup of a customer, summed over models and channels. */
async function dailyOf(customerId: number) {
  return db.from('usage_rollup_daily').where('customer_id', customerId).groupBy('bucket').orderBy('bucket')
    .select(db.raw('bucket::text AS day'), db.raw('sum(requests)::int AS requests'), db.raw('sum(successes)::int AS successes'), db.raw('sum(errors)::int AS errors'),
      db.raw('sum(input_tokens)::text AS input'), db.raw('sum(charged)::text AS charged'), db.raw('sum(cost)::text AS cost'), db.raw('sum(margin)::text AS margin'), db.raw('sum(latency_ms_sum)::text AS latency'))
}
const hourlyRows = (customerId: number) => db.from('usage_rollup_hourly').where('customer_id', customerId).orderBy(['bucket', 'api_key_id', 'model_id', 'channel_id'])

async function runCommand(args: string[]) {
  const ace = await app.container.make('ace')
  const command = await ace.create(UsageRollups, args)
  command.ui.switchMode('raw')
  await command.exec()
  return command
}

test.group('Usage rollups', (group) => {
  const customers = committedCustomers()
  const keyOwners: number[] = []
  group.teardown(async () => {
    // the keys of these customers go first (the shared clean-up removes customers, orders and refunds)
    const keys = db.from('api_keys').whereIn('customer_id', keyOwners).select('id')
    await db.from('api_key_spend').whereIn('api_key_id', keys).delete()
    await db.from('api_keys').whereIn('customer_id', keyOwners).delete()
    await customers.removeCommitted()
  })

  test('8 overlapping batches at once over two days, two keys, two models and a late record: every rollup row equals its usage rows', async ({ assert }) => {
    const [first, second] = [await pricedModel(), await pricedModel()]
    const c = await customers.create()
    await fundCash(c.id, '100')
    const [k1, k2] = [await apiKey(c.id), await apiKey(c.id)]
    keyOwners.push(c.id)
    const now = Date.now()
    const times = [now - 60_000, now - 2 * HOUR, now - 26 * HOUR, now - 30 * 24 * HOUR]
    const records = Array.from({ length: 60 }, (_, i) =>
      usageRecord({
        api_key_id: i % 3 === 0 ? undefined : (i % 2 ? k1 : k2).id,
        customer_id: c.id,
        model: (i % 2 ? first : second).model.code,
        channel: i % 5 === 0 ? undefined : (i % 2 ? first : second).channel.id,
        started_at: new Date(times[i % times.length]).toISOString(),
        status: i % 7 === 0 ? 'error' : i % 11 === 0 ? 'cancelled' : 'success',
        latency_ms: 100 + i,
        ...TOKENS,
      })
    )
    const batches = Array.from({ length: 8 }, (_, i) => Array.from({ length: 30 }, (_, j) => records[(i * 7 + j) % records.length]))
    const replies = await Promise.all(batches.map((batch) => ingest({ records: batch })))
    assert.deepEqual(replies.map((r) => r.status), Array(8).fill(200))
    assert.equal(replies.reduce((n, r) => n + r.body.billed, 0), 60)

    assert.deepEqual(await checkRollups(db.connection(), rangeOf(times)), [])
    // and by hand: 60 requests, 1,000 input tokens each; errors bill their tokens too
    const daily = await dailyOf(c.id)
    assert.equal(daily.reduce((n, d) => n + d.requests, 0), 60)
    assert.equal(daily.reduce((n, d) => n + BigInt(d.input), 0n), 60_000n)
    assert.equal(daily.reduce((n, d) => n + d.errors, 0), records.filter((r) => r.status === 'error').length)
    assert.equal(daily.reduce((n, d) => n + d.successes, 0), records.filter((r) => r.status === 'success').length)
    assert.equal(daily.reduce((n, d) => n + BigInt(d.charged), 0n), 60n * 6000n)
    const usage = await db.from('usage_records').where('customer_id', c.id).sum('charged as charged').sum('latency_ms as latency').first()
    assert.equal(daily.reduce((n, d) => n + BigInt(d.charged), 0n), BigInt(usage.charged))
    assert.equal(daily.reduce((n, d) => n + BigInt(d.latency), 0n), BigInt(usage.latency))
    // no key / no channel are filed under 0
    const hourly = await hourlyRows(c.id)
    assert.includeMembers([...new Set(hourly.map((h) => Number(h.api_key_id)))].sort(), [0, k1.id, k2.id].sort())
    assert.include(hourly.map((h) => Number(h.channel_id)), 0)
  }).timeout(60_000)

  test('a batch replayed 6 times at once adds to the rollups once', async ({ assert }) => {
    const { model, channel } = await pricedModel()
    const c = await customers.create()
    await fundCash(c.id, '5')
    const body = { records: Array.from({ length: 20 }, () => usageRecord({ customer_id: c.id, model: model.code, channel: channel.id, ...TOKENS })) }
    const replies = await Promise.all(Array.from({ length: 6 }, () => ingest(body)))
    assert.deepEqual(replies.map((r) => r.body.billed).sort(), [0, 0, 0, 0, 0, 20])
    const again = await ingest(body)
    assert.equal(again.body.duplicates, 20)
    const daily = await dailyOf(c.id)
    assert.deepEqual(daily.map((d) => [d.requests, d.charged, d.cost, d.margin]), [[20, '120000', '60000', '60000']])
    assert.equal((await hourlyRows(c.id)).reduce((n, h) => n + Number(h.requests), 0), 20)
  }).timeout(60_000)

  test('usage:rollups finds a damaged rollup, and --rebuild of its days restores exactly what ingestion wrote', async ({ assert }) => {
    const { model, channel } = await pricedModel()
    const c = await customers.create()
    await fundCash(c.id, '5')
    const now = Date.now()
    const times = [now - 60_000, now - 50 * HOUR]
    await ingest({ records: times.flatMap((t) => Array.from({ length: 5 }, () => usageRecord({ customer_id: c.id, model: model.code, channel: channel.id, started_at: new Date(t).toISOString(), ...TOKENS }))) })
    const range = rangeOf(times)
    const before = { daily: await dailyOf(c.id), hourly: await hourlyRows(c.id) }
    assert.lengthOf(before.daily, 2)

    await db.from('usage_rollup_daily').where('customer_id', c.id).update({ requests: 99, charged: 1 })
    await db.from('usage_rollup_hourly').where('customer_id', c.id).delete()
    const check = await runCommand(['--from', range.from, '--to', day(Date.parse(range.to) - 86_400_000)])
    assert.equal(check.exitCode, 1)
    assert.isAbove((await checkRollups(db.connection(), range)).length, 0)

    const rebuild = await runCommand(['--rebuild', '--from', range.from, '--to', day(Date.parse(range.to) - 86_400_000)])
    assert.equal(rebuild.exitCode ?? 0, 0)
    assert.deepEqual(await dailyOf(c.id), before.daily)
    assert.deepEqual(await hourlyRows(c.id), before.hourly)
    assert.deepEqual(await checkRollups(db.connection(), range), [])
    const audited = await db.from('audit_logs').where('action', 'usage_rollups.rebuild').orderBy('id', 'desc').first()
    assert.deepInclude(audited.metadata, { from: range.from, to: range.to })

    const bad = await runCommand(['--from', '2026-13-01'])
    assert.equal(bad.exitCode, 1)
  }).timeout(60_000)
})
