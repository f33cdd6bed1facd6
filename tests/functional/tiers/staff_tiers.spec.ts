/**
 * What staff do with tiers: edit the tier table (versioned with a reason, audited, customers' limits
 * follow in the same transaction), override a customer's tier with an end date (back to the computed
 * tier after it, on read at once and in the columns verify reads once the job runs), set an
 * organisation's negotiated terms (unlimited or custom TPM above the table), and key creation
 * bounded by the tier's max_keys. Bad input is a 4xx that writes nothing.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { staffAgent, customerAgent } from '#tests/support/agents'
import { createCustomer } from '#tests/support/fixtures'
import { creditedOrder } from '#tests/support/factories'
import { expireTierOverrides } from '#services/tiers/expire_overrides'

const tierRow = (code: string) => db.from('tiers').where('code', code).first()
const customerRow = (id: number) => db.from('customers').where('id', id).first()
const count = async (table: string, where: Record<string, unknown> = {}) => Number((await db.from(table).where(where).count('* as n').first()).n)

test.group('Tiers / staff', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a tier edit is a new version with the reason, audited, and the customers on it get the new limits at once', async ({ assert }) => {
    const { agent, staff } = await staffAgent('operations')
    const onBasic = await createCustomer({ tier: 'basic' })
    const before = await tierRow('basic')
    const reply = await agent.patch('/api/admin/tiers/basic', { tpm: 2_500_000, rpm: 450, reason: 'Capacity doubled' })
    assert.equal(reply.status, 200, reply.text)
    assert.include(reply.body, { tpm: 2_500_000, rpm: 450, version: before.version + 1 })
    const versions = await db.from('tier_versions').where('tier_code', 'basic').orderBy('version')
    assert.deepEqual(versions.map((v) => v.version), [1, 2])
    assert.include(versions[1], { reason: 'Capacity doubled', actor_type: 'staff', actor_id: String(staff.id) })
    assert.deepEqual(versions[1].changes, { before: { rpm: before.rpm, tpm: String(before.tpm) }, after: { rpm: 450, tpm: '2500000' } })
    const audit = await db.from('audit_logs').where({ resource: 'tiers', record_id: 'basic', action: 'update' })
    assert.lengthOf(audit, 1)
    assert.include(await customerRow(onBasic.id), { rpm_limit: 450, tpm_limit: '2500000' })
    assert.include((await db.from('tier_history').where('customer_id', onBasic.id).first()) ?? {}, { cause: 'tier_edited', rpm_limit: 450, reason: 'Capacity doubled' })
    // the versions are immutable
    await assert.rejects(() => db.from('tier_versions').where('id', versions[1].id).update({ reason: 'x' }))
  })

  test('moving a threshold versions the neighbour whose range it closes and moves computed tiers up, never down unless allowed', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const c = await createCustomer()
    await creditedOrder(c.id, { grant_amount: '600000000' }) // 600: basic with the seeded table
    assert.equal((await customerRow(c.id)).tier, 'basic')
    const lower = await agent.patch('/api/admin/tiers/pro', { recharge_from: '500', reason: 'Pro reachable sooner' })
    assert.equal(lower.status, 200, lower.text)
    assert.equal((await tierRow('basic')).recharge_to, '500000000')
    assert.equal((await db.from('tier_versions').where('tier_code', 'basic').orderBy('version', 'desc').first()).reason, 'Follows the pro tier\'s threshold: Pro reachable sooner')
    assert.equal((await customerRow(c.id)).tier, 'pro')
    // raised again: the customer keeps pro (may_downgrade is off) …
    assert.equal((await agent.patch('/api/admin/tiers/pro', { recharge_from: '700', reason: 'Back up' })).status, 200)
    assert.equal((await customerRow(c.id)).tier, 'pro')
    // … unless the tier says it may drop
    assert.equal((await agent.patch('/api/admin/tiers/pro', { may_downgrade: true, reason: 'Pro must be earned' })).status, 200)
    assert.include(await customerRow(c.id), { tier: 'basic', computed_tier: 'basic' })
  })

  test('tier edits refuse bad input with 4xx and write nothing', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const before = await tierRow('basic')
    const versions = await count('tier_versions')
    for (const [body, field] of [
      [{ tpm: 3000 }, 'reason'],
      [{ tpm: 0, reason: 'zero' }, 'tpm'],
      [{ rpm: null, reason: 'none' }, 'rpm'],
      [{ price_multiplier: '0.12345', reason: 'too fine' }, 'price_multiplier'],
      [{ recharge_from: '1000', reason: 'same as pro' }, 'recharge_from'],
      [{ max_keys: 0, reason: 'none' }, 'max_keys'],
    ] as const) {
      const reply = await agent.patch('/api/admin/tiers/basic', body)
      assert.equal(reply.status, 422, `${JSON.stringify(body)}: ${reply.text}`)
      assert.equal(reply.body.errors[0].field, field, JSON.stringify(body))
    }
    assert.equal((await agent.patch('/api/admin/tiers/free', { recharge_from: '5', reason: 'lowest must start at 0' })).status, 422)
    assert.equal((await agent.post('/api/admin/tiers', { code: 'gold' })).status, 404)
    const { agent: support } = await staffAgent('support')
    assert.equal((await support.patch('/api/admin/tiers/basic', { rpm: 5, reason: 'not allowed' })).status, 403)
    assert.deepEqual(await tierRow('basic'), before)
    assert.equal(await count('tier_versions'), versions)
  })

  test('an override with an end date: its limits at once, the computed tier back after it (on read, then in the columns)', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const { customer, agent: portal } = await customerAgent()
    const pro = await tierRow('pro')
    const free = await tierRow('free')
    const until = new Date(Date.now() + 3600_000)
    const reply = await agent.post(`/api/admin/users/${customer.id}/actions/set_tier`, { tier: 'pro', until: until.toISOString(), reason: 'Launch event' })
    assert.equal(reply.status, 200, reply.text)
    assert.include(await customerRow(customer.id), { tier: 'pro', tier_source: 'override', tier_override: 'pro', rpm_limit: pro.rpm, tpm_limit: pro.tpm })
    assert.equal((await agent.get(`/api/admin/users/${customer.id}/tier`)).body.override_until, until.toISOString())
    const audit = await db.from('audit_logs').where({ resource: 'users', record_id: String(customer.id), action: 'set_tier' }).first()
    assert.equal(audit.reason, 'Launch event')
    assert.deepEqual([audit.changes.before.tier, audit.changes.after.tier], ['free', 'pro'])

    // not yet over: the job leaves it
    assert.equal(await expireTierOverrides(), 0)
    // the end date passes: reads already say computed …
    await db.from('customers').where('id', customer.id).update({ tier_override_until: new Date(Date.now() - 1000) })
    const me = await portal.get('/api/portal/auth/me')
    assert.include(me.body.tier, { code: 'free', source: 'computed', rpm: free.rpm })
    // … and the job writes it for verify
    assert.equal(await expireTierOverrides(), 1)
    assert.include(await customerRow(customer.id), { tier: 'free', tier_source: 'computed', tier_override: null, tier_override_until: null, rpm_limit: free.rpm, tpm_limit: free.tpm })
    const history = await db.from('tier_history').where('customer_id', customer.id).orderBy('id')
    assert.deepEqual(history.map((h) => [h.cause, h.to_tier]), [['override_set', 'pro'], ['override_expired', 'free']])
    assert.equal(await expireTierOverrides(), 0)
  })

  test('override refusals: unknown tier, a past end date, clearing without one', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const customer = await createCustomer()
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ tier: 'platinum', reason: 'nope' }, 422],
      [{ tier: 'pro', until: new Date(Date.now() - 60_000).toISOString(), reason: 'past' }, 422],
      [{ tier: 'pro' }, 422],
    ]
    for (const [body, status] of cases) assert.equal((await agent.post(`/api/admin/users/${customer.id}/actions/set_tier`, body)).status, status, JSON.stringify(body))
    assert.equal((await agent.post(`/api/admin/users/${customer.id}/actions/clear_tier_override`, { reason: 'nothing to clear' })).status, 400)
    assert.include(await customerRow(customer.id), { tier: 'free', tier_source: 'computed', tier_override: null })
    assert.equal(await count('tier_history', { customer_id: customer.id }), 0)
    // set then clear
    assert.equal((await agent.post(`/api/admin/users/${customer.id}/actions/set_tier`, { tier: 'enterprise', reason: 'Pilot' })).status, 200)
    assert.equal((await customerRow(customer.id)).tpm_limit, (await tierRow('enterprise')).tpm)
    assert.equal((await agent.post(`/api/admin/users/${customer.id}/actions/clear_tier_override`, { reason: 'Pilot over' })).status, 200)
    assert.include(await customerRow(customer.id), { tier: 'free', tier_source: 'computed' })
  })

  test('negotiated terms for an organisation: unlimited TPM, a custom TPM above the table, back to the tier’s; refused for individuals', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const org = await createCustomer({ type: 'organization' })
    const enterprise = await tierRow('enterprise')
    const act = (id: number, body: Record<string, unknown>) => agent.post(`/api/admin/users/${id}/actions/set_negotiated_terms`, { reason: 'Signed contract', ...body })

    assert.equal((await act(org.id, { tier: 'enterprise', tpm_mode: 'unlimited' })).status, 200)
    assert.include(await customerRow(org.id), { tier: 'enterprise', tier_source: 'negotiated', rpm_limit: enterprise.rpm, tpm_limit: null, unlimited_tpm: true })
    const above = (BigInt(enterprise.tpm) * 10n).toString()
    assert.equal((await act(org.id, { tier: 'enterprise', tpm_mode: 'custom', custom_tpm: Number(above) })).status, 200)
    assert.include(await customerRow(org.id), { tpm_limit: above, custom_tpm: above, unlimited_tpm: false })
    assert.equal((await act(org.id, { tier: 'pro', tpm_mode: 'tier' })).status, 200)
    assert.include(await customerRow(org.id), { tier: 'pro', tpm_limit: (await tierRow('pro')).tpm, custom_tpm: null })
    assert.equal((await act(org.id, { tier: null })).status, 200)
    assert.include(await customerRow(org.id), { tier: 'free', tier_source: 'computed', negotiated_tier: null })
    assert.deepEqual((await db.from('tier_history').where('customer_id', org.id).orderBy('id')).map((h) => h.tpm_limit), [null, above, (await tierRow('pro')).tpm, (await tierRow('free')).tpm])

    const before = await customerRow(org.id)
    assert.equal((await act(org.id, { tier: 'pro', tpm_mode: 'custom' })).status, 422)
    assert.equal((await act(org.id, { tier: 'pro', tpm_mode: 'custom', custom_tpm: 0 })).status, 422)
    assert.equal((await act(org.id, { tier: 'pro', tpm_mode: 'tier', custom_tpm: 5 })).status, 422)
    assert.equal((await act(org.id, { tier: 'gold' })).status, 422)
    const person = await createCustomer()
    assert.equal((await act(person.id, { tier: 'pro' })).status, 400)
    assert.deepEqual(await customerRow(org.id), before)
    assert.equal(await count('tier_history', { customer_id: person.id }), 0)
  })

  test('API key creation stops at the effective tier’s max_keys', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const { customer, agent: portal } = await customerAgent()
    const free = await tierRow('free')
    for (let i = 0; i < free.max_keys; i++) assert.equal((await portal.post('/api/portal/keys', { name: `k${i}` })).status, 201)
    const over = await portal.post('/api/portal/keys', { name: 'one too many' })
    assert.equal(over.status, 409, over.text)
    assert.include(over.body.message, `at most ${free.max_keys}`)
    assert.equal(await count('api_keys', { customer_id: customer.id }), free.max_keys)
    assert.equal((await agent.post(`/api/admin/users/${customer.id}/actions/set_tier`, { tier: 'basic', reason: 'More keys' })).status, 200)
    assert.equal((await portal.post('/api/portal/keys', { name: 'now allowed' })).status, 201)
  })
})
