/**
 * RPM/TPM enforcement in verify (issue 11 §1): a key's requests per minute, tokens reported by
 * usage ingestion against tokens per minute, an account limit stricter than the key's, a limit
 * changed in the console applied on the next verify, the outcome counters, and the windows shared
 * by two servers on one Redis while a server without Redis counts alone.
 *
 * The test process runs without REDIS_URL: its own server keeps its windows in process.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { createCustomer, committedCustomers } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'
import { fundCash } from '#tests/support/ledger'
import { AppInstance } from '#tests/support/app_instance'
import { apiKey, pricedModel, usageRecord } from '#tests/support/usage_ingest'
import { eventually, verify } from './keys_fixtures.js'
import { rateWindows, redisWindows } from '#services/rate_limit/main'
import { MemoryWindows } from '#services/rate_limit/memory_windows'
import { subjects } from '#services/rate_limit/verify_limits'
import { verifyOutcomes } from '#services/api_keys/verify_outcomes'
import { VerifyCache } from '#services/api_keys/verify_cache'
import { verifyKey } from '#services/api_keys/verify_key'

const IP = '203.0.113.7'
const token = () => env.get('INTERNAL_SERVICE_TOKEN')

async function verifyAt(base: string, body: unknown) {
  const response = await fetch(`${base}/api/internal/keys/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'authorization': `Bearer ${token()}` },
    body: JSON.stringify(body),
  })
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> }
}

async function ingestAt(base: string, records: unknown[]) {
  const response = await fetch(`${base}/api/internal/usage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'authorization': `Bearer ${token()}` },
    body: JSON.stringify({ records }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

/** A funded customer (with `limits` on the customer row) and a key with its own limits. */
async function limitedKey(keyLimits: { rpm_limit?: number; tpm_limit?: number }, customerLimits: { rpm_limit?: number; tpm_limit?: number } = {}, create: () => Promise<{ id: number }> = createCustomer) {
  const customer = await create()
  // a new customer gets its tier's limits (customers_tier_defaults): these tests set exactly theirs
  await db.from('customers').where('id', customer.id).update({ rpm_limit: null, tpm_limit: null, ...customerLimits })
  await fundCash(customer.id, '100')
  const key = await apiKey(customer.id)
  if (Object.keys(keyLimits).length) await db.from('api_keys').where('id', key.id).update(keyLimits)
  return { customer, key }
}

const code = (reply: { body: Record<string, any> }) => (reply.body.ok ? 'ok' : reply.body.code)

test.group('Rate limits / verify', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test("the key's requests per minute: the request over the limit is refused, with when to retry", async ({ assert }) => {
    const { key } = await limitedKey({ rpm_limit: 3 })
    const body = { key: key.secret, model: 'm', ip: IP }
    for (let i = 0; i < 3; i++) assert.equal(code(await verify(body)), 'ok', `verify ${i + 1}`)
    const refused = await verify(body)
    assert.equal(refused.status, 200)
    assert.deepInclude(refused.body, { ok: false, code: 'RATE_LIMITED' })
    assert.match(refused.body.message, /^This key's limit of 3 requests per minute is reached; retry in \d+ s$/)
    // the three requests were made within the last second or two: the oldest second frees just under a minute from now
    assert.isAtLeast(refused.body.retry_after_ms, 55_000)
    assert.isAtMost(refused.body.retry_after_ms, 60_000)
    assert.equal(refused.headers.get('retry-after'), String(Math.ceil(refused.body.retry_after_ms / 1000)))
    assert.equal(await rateWindows().count(subjects.keyRequests(key.id), Date.now()), 3, 'refusals are not counted')
    assert.equal(code(await verify(body)), 'RATE_LIMITED')
  })

  test('tokens reported by usage ingestion beyond the limit refuse the next verify', async ({ assert }) => {
    const { model, channel } = await pricedModel()
    const { customer, key } = await limitedKey({ tpm_limit: 1000 })
    const body = { key: key.secret, model: model.code, ip: IP }
    assert.equal(code(await verify(body)), 'ok')
    assert.equal(code(await verify(body)), 'ok', 'a token limit counts tokens, not requests')

    const reply = await ingestAt(`http://${env.get('HOST')}:${env.get('PORT')}`, [
      usageRecord({ api_key_id: key.id, model: model.code, channel: channel.id, input_tokens: 700, output_tokens: 200, cache_read_tokens: 100, cache_write_tokens: 50 }),
    ])
    assert.equal(reply.status, 200, JSON.stringify(reply.body))
    assert.equal(reply.body.billed, 1)
    assert.equal(await rateWindows().count(subjects.keyTokens(key.id), Date.now()), 1050)
    assert.equal(await rateWindows().count(subjects.customerTokens(customer.id), Date.now()), 1050)

    const refused = await verify(body)
    assert.deepInclude(refused.body, { ok: false, code: 'RATE_LIMITED' })
    assert.match(refused.body.message, /^This key's limit of 1,000 tokens per minute is reached; retry in \d+ s$/)

    // a rejected record (unknown model) and a duplicate count no tokens
    const again = await ingestAt(`http://${env.get('HOST')}:${env.get('PORT')}`, [usageRecord({ api_key_id: key.id, model: 'no-such-model', input_tokens: 5000 })])
    assert.equal(again.body.rejected, 1)
    assert.equal(await rateWindows().count(subjects.keyTokens(key.id), Date.now()), 1050)
  })

  test("a late upload of old requests is history: its tokens do not count against this minute's limit", async ({ assert }) => {
    const { model, channel } = await pricedModel()
    const { customer, key } = await limitedKey({ tpm_limit: 1000 })
    const longAgo = new Date(Date.now() - 10 * 60_000).toISOString()
    const reply = await ingestAt(`http://${env.get('HOST')}:${env.get('PORT')}`, [
      usageRecord({ api_key_id: key.id, model: model.code, channel: channel.id, started_at: longAgo, latency_ms: 1000, input_tokens: 50_000 }),
    ])
    assert.equal(reply.body.billed, 1, JSON.stringify(reply.body))
    assert.equal(await rateWindows().count(subjects.keyTokens(key.id), Date.now()), 0)
    assert.equal(await rateWindows().count(subjects.customerTokens(customer.id), Date.now()), 0)
    assert.equal(code(await verify({ key: key.secret, model: model.code, ip: IP })), 'ok')
  })

  test("an account limit stricter than the key's binds all the customer's keys together", async ({ assert }) => {
    const { customer, key } = await limitedKey({ rpm_limit: 10, tpm_limit: 100_000 }, { rpm_limit: 2, tpm_limit: 5000 })
    const other = await apiKey(customer.id)
    const first = await verify({ key: key.secret, model: 'm', ip: IP })
    assert.isTrue(first.body.ok)
    assert.include(first.body.limits, { rpm: 10, tpm: 100_000 }, "the answer carries the key's own limits")
    const second = await verify({ key: other.secret, model: 'm', ip: IP })
    assert.isTrue(second.body.ok)
    assert.include(second.body.limits, { rpm: null, tpm: null })

    const refused = await verify({ key: key.secret, model: 'm', ip: IP })
    assert.deepInclude(refused.body, { ok: false, code: 'RATE_LIMITED' })
    assert.match(refused.body.message, /^The account's limit of 2 requests per minute is reached/)
    assert.equal(await rateWindows().count(subjects.keyRequests(key.id), Date.now()), 1)
    assert.equal(await rateWindows().count(subjects.customerRequests(customer.id), Date.now()), 2)
    assert.equal(code(await verify({ key: other.secret, model: 'm', ip: IP })), 'RATE_LIMITED')
  })

  test('no limit on key or account: verifies are not counted at all', async ({ assert }) => {
    const { customer, key } = await limitedKey({})
    for (let i = 0; i < 5; i++) assert.equal(code(await verify({ key: key.secret, model: 'm', ip: IP })), 'ok')
    assert.equal(await rateWindows().count(subjects.keyRequests(key.id), Date.now()), 0)
    assert.equal(await rateWindows().count(subjects.customerRequests(customer.id), Date.now()), 0)
  })

  test('each answer is counted per UTC hour and code, then added to verify_outcomes_hourly', async ({ assert }) => {
    const { key } = await limitedKey({ rpm_limit: 1 })
    const total = async (c: string) => Number((await db.from('verify_outcomes_hourly').where('code', c).sum('count as n').first())?.n ?? 0)
    await verifyOutcomes.flush()
    const before = { ok: await total('OK'), limited: await total('RATE_LIMITED'), invalid: await total('INVALID_KEY') }

    assert.equal(code(await verify({ key: key.secret, model: 'm', ip: IP })), 'ok')
    assert.equal(code(await verify({ key: key.secret, model: 'm', ip: IP })), 'RATE_LIMITED')
    assert.equal(code(await verify({ key: key.secret, model: 'm', ip: IP })), 'RATE_LIMITED')
    assert.equal(code(await verify({ key: 'cd_nothing_here', model: 'm', ip: IP })), 'INVALID_KEY')
    await verifyOutcomes.flush()

    assert.equal((await total('OK')) - before.ok, 1)
    assert.equal((await total('RATE_LIMITED')) - before.limited, 2)
    assert.equal((await total('INVALID_KEY')) - before.invalid, 1)
    const hour = new Date(Date.now() - (Date.now() % 3_600_000))
    const row = await db.from('verify_outcomes_hourly').where({ code: 'RATE_LIMITED' }).orderBy('bucket', 'desc').first()
    assert.equal(new Date(row.bucket).getTime(), hour.getTime(), 'bucketed by the UTC hour')
  })

  test('without Redis, each instance counts in its own process', async ({ assert }) => {
    const { key } = await limitedKey({ rpm_limit: 2 })
    const input = { key: key.secret, model: 'm', ip: IP }
    const cache = new VerifyCache({ client: () => db.connection() })
    const [one, two] = [new MemoryWindows(), new MemoryWindows()]
    const now = Date.now()
    const answers = async (windows: MemoryWindows) => [
      code({ body: await verifyKey(cache, input, now, windows) }),
      code({ body: await verifyKey(cache, input, now, windows) }),
      code({ body: await verifyKey(cache, input, now, windows) }),
    ]
    assert.deepEqual(await answers(one), ['ok', 'ok', 'RATE_LIMITED'])
    assert.deepEqual(await answers(two), ['ok', 'ok', 'RATE_LIMITED'], 'the second instance saw none of the first one\'s requests')
    assert.equal(await one.count(subjects.keyRequests(key.id), now), 2)
  })
})

/*
 * These tests commit: the other servers and the NOTIFY that refreshes caches only see committed rows.
 */
test.group('Rate limits / changes and instances', () => {
  const customers = committedCustomers()
  const staffIds: number[] = []
  const create = () => customers.create()

  test('a limit changed in the console applies on the next verify', async ({ assert, cleanup }) => {
    const { customer, key } = await limitedKey({}, {}, create)
    cleanup(async () => {
      await db.from('auth_sessions').where('subject_type', 'staff').whereIn('subject_id', staffIds).delete()
      await db.from('staff').whereIn('id', staffIds).delete().catch(() => {})
      await db.from('api_key_spend').where('api_key_id', key.id).delete()
      await db.from('api_keys').where('id', key.id).delete()
      await customers.removeCommitted().catch(() => {})
    })
    const body = { key: key.secret, model: 'm', ip: IP }
    for (let i = 0; i < 3; i++) assert.equal(code(await verify(body)), 'ok')

    const { agent, staff } = await staffAgent('operations')
    staffIds.push(staff.id)
    const edit = async (fields: Record<string, unknown>) => {
      const reply = await agent.post(`/api/admin/api-keys/${key.id}/actions/edit_limits`, { reason: 'Customer asked', ...fields })
      assert.equal(reply.status, 200, reply.text)
    }
    await edit({ rpm_limit: 2 })
    assert.deepEqual([code(await verify(body)), code(await verify(body)), code(await verify(body))], ['ok', 'ok', 'RATE_LIMITED'])

    await edit({ rpm_limit: 100 })
    const raised = await verify(body)
    assert.equal(code(raised), 'ok')
    assert.equal(raised.body.limits.rpm, 100)

    // the account's limit (kept by the tier rules) changes in the database: the customers trigger's NOTIFY refreshes the cache
    await db.from('customers').where('id', customer.id).update({ rpm_limit: 1 })
    assert.isTrue(await eventually(async () => code(await verify(body)) === 'RATE_LIMITED'), 'refused within 3 s of the commit')
    const refused = await verify(body)
    assert.match(refused.body.message, /^The account's limit of 1 requests per minute/)
    await db.from('customers').where('id', customer.id).update({ rpm_limit: null })
    assert.isTrue(await eventually(async () => code(await verify(body)) === 'ok'), 'admitted again once the limit is lifted')
  })

  test('two servers on one Redis share the windows; a server without Redis counts alone', async ({ assert, cleanup }) => {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
    const [a, b] = [new AppInstance({ REDIS_URL: redisUrl }), new AppInstance({ REDIS_URL: redisUrl })]
    const shared = redisWindows()
    const keyIds: number[] = []
    cleanup(async () => {
      await Promise.all([a.stop(), b.stop()])
      await shared.clear()
      await db.from('api_key_spend').whereIn('api_key_id', keyIds).delete()
      await db.from('api_keys').whereIn('id', keyIds).delete().catch(() => {})
      await customers.removeCommitted().catch(() => {})
    })
    // one after the other: each runs the (already applied) migrations at boot under one lock
    await a.start()
    await b.start()

    const { customer, key } = await limitedKey({ rpm_limit: 4 }, {}, create)
    keyIds.push(key.id)
    const body = { key: key.secret, model: 'm', ip: IP }
    const seen = []
    for (const server of [a, b, a, b]) seen.push(code(await verifyAt(server.base(), body)))
    assert.deepEqual(seen, ['ok', 'ok', 'ok', 'ok'])
    const overA = await verifyAt(a.base(), body)
    const overB = await verifyAt(b.base(), body)
    assert.deepInclude(overA.body, { ok: false, code: 'RATE_LIMITED' })
    assert.deepInclude(overB.body, { ok: false, code: 'RATE_LIMITED' })
    assert.equal(overB.headers.get('retry-after'), String(Math.ceil(overB.body.retry_after_ms / 1000)))
    assert.equal(await shared.count(subjects.keyRequests(key.id), Date.now()), 4, 'one window in Redis holds both servers\' requests')

    // this test process's own server has no REDIS_URL: its window saw none of them
    const local = []
    for (let i = 0; i < 5; i++) local.push(code(await verify(body)))
    assert.deepEqual(local, ['ok', 'ok', 'ok', 'ok', 'RATE_LIMITED'])
    assert.equal(await shared.count(subjects.keyRequests(key.id), Date.now()), 4)

    // tokens billed through one server refuse the next verify on the other
    const { model, channel } = await pricedModel()
    const tokenKey = await apiKey(customer.id)
    keyIds.push(tokenKey.id)
    await db.from('api_keys').where('id', tokenKey.id).update({ tpm_limit: 1000 })
    const tokenBody = { key: tokenKey.secret, model: model.code, ip: IP }
    assert.equal(code(await verifyAt(b.base(), tokenBody)), 'ok')
    const billed = await ingestAt(a.base(), [usageRecord({ api_key_id: tokenKey.id, model: model.code, channel: channel.id, input_tokens: 900, output_tokens: 150 })])
    assert.equal(billed.body.billed, 1, JSON.stringify(billed.body))
    const refused = await verifyAt(b.base(), tokenBody)
    assert.deepInclude(refused.body, { ok: false, code: 'RATE_LIMITED' })
    assert.match(refused.body.message, /tokens per minute/)
    assert.equal(await shared.count(subjects.keyTokens(tokenKey.id), Date.now()), 1050)
  }).timeout(120_000)
})
