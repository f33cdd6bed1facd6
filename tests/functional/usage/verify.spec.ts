/**
 * POST /api/internal/keys/verify, as the platform's gateways call it: each refusal code, the IP
 * allowlist over IPv4 and IPv6 blocks, the service token, a malformed body; and the cache behind
 * it — a cached key is refused on the next verify after the console disables it, a charge that
 * empties the balance turns the next verify into INSUFFICIENT_FUNDS, and a second cache instance
 * with its own LISTEN connection hears the same change (as another server would).
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { customerAgent, staffAgent } from '#tests/support/agents'
import { committedCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds, fundCash, fundGift } from '#tests/support/ledger'
import { Agent } from '#tests/support/agent'
import { VerifyCache, verifyCache } from '#services/api_keys/verify_cache'
import { verifyKey } from '#services/api_keys/verify_key'
import { utcDay } from '#services/api_keys/spend'
import { randomUUID } from 'node:crypto'
import { transaction } from '#services/transaction'
import { takeBack } from '#services/ledger/arrears'
import { systemAccount } from '#services/ledger/accounts'
import { SYSTEM_ACTOR } from '#services/audit'
import { units } from '#tests/support/ledger'
import { createModel, eventually, portalKey, verify } from './keys_fixtures.js'

const IP = '203.0.113.7'

test.group('Verify / answers', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a good key: the customer, the key, its limits and the spendable balance (cash + gift)', async ({ assert }) => {
    const { customer, agent } = await customerAgent()
    await fundCash(customer.id, '7.25')
    await fundGift(customer.id, '2.75')
    const model = await createModel()
    const { key, secret } = await portalKey(agent, { allowed_models: [model.code], rpm_limit: 100, tpm_limit: 5000, daily_spend_cap: '2', monthly_spend_cap: '50' })
    const reply = await verify({ key: secret, model: model.code, ip: IP })
    assert.equal(reply.status, 200, reply.text)
    assert.deepEqual(reply.body, {
      ok: true,
      customer_id: customer.id,
      key_id: key.id,
      limits: { rpm: 100, tpm: 5000, daily_spend_cap: '2.000000', monthly_spend_cap: '50.000000', allowed_models: [model.code] },
      balance: '10.000000',
    })
    assert.isNull(reply.headers.get('set-cookie'))
  })

  test('each refusal code', async ({ assert }) => {
    const { customer, agent } = await customerAgent()
    await fundCash(customer.id, '10')
    // one key per refusal: more live keys than the free tier's 3 (max keys per tier is tested in tiers/)
    await db.from('customers').where('id', customer.id).update({ tier: 'pro', computed_tier: 'pro' })
    const model = await createModel()
    const make = async (body: Record<string, unknown> = {}) => (await portalKey(agent, body))
    const refusal = async (secret: string, extra: Record<string, string> = {}) => {
      const reply = await verify({ key: secret, model: model.code, ip: IP, ...extra })
      assert.equal(reply.status, 200, reply.text)
      assert.isFalse(reply.body.ok)
      assert.isString(reply.body.message)
      return reply.body.code
    }

    assert.equal(await refusal('cd_nothing_here'), 'INVALID_KEY')
    const disabled = await make()
    await agent.post(`/api/portal/keys/${disabled.key.id}/disable`)
    assert.equal(await refusal(disabled.secret), 'DISABLED')
    const expired = await make()
    await db.from('api_keys').where('id', expired.key.id).update({ expires_at: new Date(Date.now() - 1000) })
    assert.equal(await refusal(expired.secret), 'EXPIRED')
    const locked = await make()
    await db.from('api_keys').where('id', locked.key.id).update({ status: 'locked', locked_at: new Date() })
    assert.equal(await refusal(locked.secret), 'LOCKED')
    const other = await createModel()
    const narrow = await make({ allowed_models: [other.code] })
    assert.equal(await refusal(narrow.secret), 'MODEL_NOT_ALLOWED')
    const fenced = await make({ ip_allowlist: ['198.51.100.0/24'] })
    assert.equal(await refusal(fenced.secret), 'IP_NOT_ALLOWED')
    const capped = await make({ daily_spend_cap: '1' })
    await db.table('api_key_spend').insert({ api_key_id: capped.key.id, day: utcDay(new Date()), amount: 1_000_000, requests: 3 })
    assert.equal(await refusal(capped.secret), 'SPEND_CAP_REACHED')
    const monthly = await make({ monthly_spend_cap: '1', daily_spend_cap: '5' })
    await db.table('api_key_spend').insert({ api_key_id: monthly.key.id, day: utcDay(new Date()), amount: 999_999, requests: 1 })
    assert.isTrue((await verify({ key: monthly.secret, model: model.code, ip: IP })).body.ok, 'under both caps')

    const { agent: brokeAgent } = await customerAgent()
    const broke = await portalKey(brokeAgent)
    assert.equal(await refusal(broke.secret), 'INSUFFICIENT_FUNDS')
    // the deleted key of a customer is unknown
    await agent.delete(`/api/portal/keys/${fenced.key.id}`)
    assert.equal(await refusal(fenced.secret, { ip: '198.51.100.3' }), 'INVALID_KEY')
  })

  test('arrears or a frozen account refuse with INSUFFICIENT_FUNDS even with money in the balance', async ({ assert }) => {
    const owing = await customerAgent()
    await fundCash(owing.customer.id, '5')
    // a provider-side refund of 8 takes the 5 in cash and leaves 3 owed; then 20 of gift is granted
    await transaction((trx) =>
      takeBack(trx, { type: 'provider_refund', idempotencyKey: `test-owe:${randomUUID()}`, request: {}, actor: SYSTEM_ACTOR, customerId: owing.customer.id }, units('8'), async (u) => [
        { accountId: await systemAccount(trx, 'refunds'), amount: u },
      ])
    )
    await fundGift(owing.customer.id, '20')
    const owingKey = await portalKey(owing.agent)
    const owed = await verify({ key: owingKey.secret, model: 'm', ip: IP })
    assert.deepInclude(owed.body, { ok: false, code: 'INSUFFICIENT_FUNDS' })
    assert.include(owed.body.message, 'arrears')

    const frozen = await customerAgent()
    await fundCash(frozen.customer.id, '10')
    const frozenKey = await portalKey(frozen.agent)
    await db.from('customers').where('id', frozen.customer.id).update({ frozen: true })
    assert.deepInclude((await verify({ key: frozenKey.secret, model: 'm', ip: IP })).body, { ok: false, code: 'INSUFFICIENT_FUNDS' })
  })

  test('the IP allowlist matches IPv4 and IPv6 CIDR blocks and single addresses', async ({ assert }) => {
    const { customer, agent } = await customerAgent()
    await fundCash(customer.id, '10')
    const { secret } = await portalKey(agent, { ip_allowlist: ['10.1.0.0/16', '2001:db8:abcd::/48', '192.0.2.10'] })
    const answer = async (ip: string) => {
      const reply = await verify({ key: secret, model: 'm', ip })
      return reply.body.ok ? 'ok' : reply.body.code
    }
    assert.equal(await answer('10.1.255.3'), 'ok')
    assert.equal(await answer('10.2.0.1'), 'IP_NOT_ALLOWED')
    assert.equal(await answer('::ffff:10.1.2.3'), 'ok')
    assert.equal(await answer('2001:db8:abcd:12::1'), 'ok')
    assert.equal(await answer('2001:db8:abce::1'), 'IP_NOT_ALLOWED')
    assert.equal(await answer('192.0.2.10'), 'ok')
    assert.equal(await answer('192.0.2.11'), 'IP_NOT_ALLOWED')
  })

  test('the service token is required; a malformed body is a 422', async ({ assert }) => {
    const wrong = await verify({ key: 'cd_x_y', model: 'm', ip: IP }, 'not-the-token')
    assert.equal(wrong.status, 401)
    const none = await fetch(`${Agent.base()}/api/internal/keys/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    assert.equal(none.status, 401)
    await none.text()
    for (const body of [{}, { key: 'cd_x_y', model: 'm' }, { key: 1, model: 'm', ip: IP }, { key: 'cd_x_y', model: 'm', ip: 'not-an-ip' }, { key: 'k', model: 'm', ip: IP, extra: 1 }, [1]]) {
      const reply = await verify(body)
      assert.equal(reply.status, 422, JSON.stringify(body))
    }
    const raw = await fetch(`${Agent.base()}/api/internal/keys/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'authorization': `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` },
      body: '{"key":',
    })
    assert.isBelow(raw.status, 500)
    assert.isAtLeast(raw.status, 400)
    await raw.text()
  })
})

/*
 * These tests commit: a NOTIFY is delivered only when its transaction commits, which a test's
 * rolled-back global transaction never does. What they create is removed afterwards.
 */
test.group('Verify / cache invalidation across commits', (group) => {
  const customers = committedCustomers()
  const staffIds: number[] = []
  const created: number[] = []
  const customer = async () => {
    const c = await customers.create()
    created.push(c.id)
    return c
  }
  group.teardown(async () => {
    await db.from('api_key_spend').whereIn('api_key_id', db.from('api_keys').whereIn('customer_id', created).select('id')).delete()
    await db.from('api_keys').whereIn('customer_id', created).delete()
    await db.from('auth_sessions').where('subject_type', 'customer').whereIn('subject_id', created).delete()
    await customers.removeCommitted()
    await db.from('auth_sessions').where('subject_type', 'staff').whereIn('subject_id', staffIds).delete()
    await db.from('staff').whereIn('id', staffIds).delete().catch(() => {})
  })

  const signedIn = async () => {
    const c = await customer()
    await fundCash(c.id, '10')
    return { customer: c, agent: await new Agent().loginCustomer(c.email) }
  }

  test('a cached key is refused on the next verify once the console disables it', async ({ assert }) => {
    const { agent } = await signedIn()
    const { key, secret } = await portalKey(agent)
    const body = { key: secret, model: 'm', ip: IP }
    assert.isTrue((await verify(body)).body.ok)
    const hits = verifyCache.stats.keyHits
    const loads = verifyCache.stats.keyLoads
    assert.isTrue((await verify(body)).body.ok)
    assert.equal(verifyCache.stats.keyHits, hits + 1, 'the second verify was answered from the cache')
    assert.equal(verifyCache.stats.keyLoads, loads)

    const { agent: ops, staff } = await staffAgent('operations')
    staffIds.push(staff.id)
    const disabled = await ops.post(`/api/admin/api-keys/${key.id}/actions/disable`, { reason: 'Abuse report' })
    assert.equal(disabled.status, 200, disabled.text)
    assert.deepInclude((await verify(body)).body, { ok: false, code: 'DISABLED' })
  })

  test('a charge that empties the balance makes the next verify INSUFFICIENT_FUNDS', async ({ assert }) => {
    const { customer: owner, agent } = await signedIn()
    const { secret } = await portalKey(agent)
    const body = { key: secret, model: 'm', ip: IP }
    assert.equal((await verify(body)).body.balance, '10.000000')
    const hits = verifyCache.stats.customerHits
    assert.isTrue((await verify(body)).body.ok)
    assert.equal(verifyCache.stats.customerHits, hits + 1, 'the customer was cached')

    // the charge does not touch the key: only the balance trigger's NOTIFY can tell the cache
    const charge = await fetch(`${Agent.base()}/api/internal/charges`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'authorization': `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` },
      body: JSON.stringify({ customer_id: owner.id, amount: '10', idempotency_key: `verify-test-${randomUUID()}` }),
    })
    assert.equal(charge.status, 201, await charge.text())
    assert.isTrue(await eventually(async () => (await verify(body)).body.code === 'INSUFFICIENT_FUNDS'), 'refused within 3 s of the commit')
    await assertLedgerHolds(assert)
  })

  test('another instance (its own cache and LISTEN connection) hears the change too', async ({ assert }) => {
    const { agent } = await signedIn()
    const { key, secret } = await portalKey(agent)
    const input = { key: secret, model: 'm', ip: IP }
    const other = new VerifyCache()
    try {
      await other.start()
      assert.isTrue(other.listening)
      assert.isTrue((await verifyKey(other, input)).ok)
      assert.isTrue((await verifyKey(other, input)).ok)
      assert.equal(other.stats.keyHits, 1)

      // disabled through this instance's portal; the other one only hears the NOTIFY
      assert.equal((await agent.post(`/api/portal/keys/${key.id}/disable`)).status, 200)
      assert.isTrue(await eventually(async () => ((await verifyKey(other, input)) as any).code === 'DISABLED'), 'the other instance refuses within 3 s')
      assert.isAbove(other.stats.invalidations, 0)
      assert.deepInclude((await verify(input)).body, { code: 'DISABLED' })
    } finally {
      await other.stop()
    }
  })
})
