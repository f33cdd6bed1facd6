/**
 * Customer API keys in the portal and the console: the secret is shown once and only its hash is
 * kept; rolling keeps the old key verifying for the chosen overlap (0 = refused at once); every id
 * is looked up within the caller's own keys; bad settings are field errors; staff lock a leaked
 * key (the owner is emailed), force a roll and lift a lock according to their grants.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createHash } from 'node:crypto'
import { customerAgent, staffAgent } from '#tests/support/agents'
import { auditRows } from '#tests/support/fixtures'
import { fundCash } from '#tests/support/ledger'
import { outbox } from '#services/mail_outbox'
import { createModel, portalKey, verify } from './keys_fixtures.js'

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/

async function mailTo(email: string, subject: RegExp) {
  for (let i = 0; i < 100; i++) {
    const found = outbox.to(email).find((m) => subject.test(m.subject))
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return undefined
}

test.group('API keys / portal', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('create shows the secret once; the list and the database hold only the prefix and a hash', async ({ assert }) => {
    const { customer, agent } = await customerAgent()
    const model = await createModel()
    const created = await agent.post('/api/portal/keys', {
      name: 'Production',
      allowed_models: [model.code],
      ip_allowlist: ['10.0.0.0/8', '2001:db8::/32'],
      rpm_limit: 60,
      daily_spend_cap: '5.5',
      monthly_spend_cap: '100',
    })
    assert.equal(created.status, 201, created.text)
    const { key, secret } = created.body
    const [, prefix, body] = secret.split('_')
    assert.match(secret, /^cd_[^_]{8}_[^_]+$/)
    assert.equal(prefix, key.prefix)
    assert.match(body, BASE58)
    assert.isAtLeast(body.length, 43) // 32 random bytes
    assert.include(key, { name: 'Production', status: 'enabled', state: 'enabled', rpm_limit: 60, daily_spend_cap: '5.500000', monthly_spend_cap: '100.000000', spend_today: '0.000000' })

    const row = await db.from('api_keys').where('id', key.id).first()
    assert.equal(row.secret_hash, createHash('sha256').update(secret).digest('hex'))
    assert.equal(Number(row.customer_id), customer.id)

    const list = await agent.get('/api/portal/keys')
    assert.equal(list.status, 200)
    assert.lengthOf(list.body, 1)
    assert.notInclude(list.text, secret.split('_')[2])
    assert.notInclude(list.text, row.secret_hash)
    assert.notProperty(list.body[0], 'secret_hash')
    assert.notProperty(list.body[0], 'secret')
    assert.deepEqual(Object.keys(list.body[0]).sort(), [
      'allowed_models', 'created_at', 'daily_resets_at', 'daily_spend_cap', 'expires_at', 'id', 'ip_allowlist', 'last_used_at', 'member_id', 'monthly_resets_at',
      'monthly_spend_cap', 'name', 'prefix', 'rolled_from_id', 'rpm_limit', 'spend_month', 'spend_today', 'state', 'status', 'tpm_limit',
    ])
    const midnight = new Date()
    midnight.setUTCHours(24, 0, 0, 0)
    assert.equal(list.body[0].daily_resets_at, midnight.toISOString())
    assert.match(list.body[0].monthly_resets_at, /^\d{4}-\d{2}-01T00:00:00\.000Z$/)

    const [log] = await auditRows({ resource: 'api-keys', action: 'create', record_id: String(key.id) })
    assert.equal(log.actor_type, 'customer')
    assert.notInclude(JSON.stringify(log.changes), row.secret_hash)
  })

  test('bad settings are field errors and write nothing', async ({ assert }) => {
    const { customer, agent } = await customerAgent()
    const reply = await agent.post('/api/portal/keys', {
      name: ' ',
      allowed_models: ['no-such-model'],
      ip_allowlist: ['10.0.0.0/33', '999.1.1.1', '2001:db8::/129', 'example.com'],
      rpm_limit: 0,
      tpm_limit: 1.5,
      daily_spend_cap: '0',
      monthly_spend_cap: 10,
    })
    assert.equal(reply.status, 422, reply.text)
    const fields = reply.body.errors.map((e: any) => e.field).sort()
    assert.deepEqual(fields, ['allowed_models', 'daily_spend_cap', 'ip_allowlist', 'monthly_spend_cap', 'name', 'rpm_limit', 'tpm_limit'])
    assert.include(reply.body.errors.find((e: any) => e.field === 'ip_allowlist').message, '10.0.0.0/33')
    assert.equal((await agent.post('/api/portal/keys', { name: 'x', customer_id: 1 })).status, 422)
    assert.equal((await db.from('api_keys').where('customer_id', customer.id)).length, 0)
  })

  test('roll: the old key verifies through its overlap, and with overlap 0 is refused at once', async ({ assert }) => {
    const { customer, agent } = await customerAgent()
    await fundCash(customer.id, '10')
    const model = await createModel()
    const first = await portalKey(agent, { rpm_limit: 30, allowed_models: [model.code] })
    const call = (secret: string) => verify({ key: secret, model: model.code, ip: '127.0.0.1' })
    assert.isTrue((await call(first.secret)).body.ok)

    const overlap = await agent.post(`/api/portal/keys/${first.key.id}/roll`, { overlap_minutes: 60 })
    assert.equal(overlap.status, 200, overlap.text)
    assert.notEqual(overlap.body.secret, first.secret)
    assert.include(overlap.body.key, { rolled_from_id: first.key.id, rpm_limit: 30, state: 'enabled' })
    assert.deepEqual(overlap.body.key.allowed_models, [model.code])
    const stopsAt = new Date(overlap.body.previous.expires_at).getTime()
    assert.closeTo(stopsAt - Date.now(), 60 * 60_000, 10_000)
    assert.isTrue((await call(first.secret)).body.ok, 'old key inside its overlap')
    assert.isTrue((await call(overlap.body.secret)).body.ok, 'new key')

    const now = await agent.post(`/api/portal/keys/${overlap.body.key.id}/roll`, { overlap_minutes: 0 })
    assert.equal(now.status, 200, now.text)
    assert.equal(now.body.previous.state, 'expired')
    assert.deepInclude((await call(overlap.body.secret)).body, { ok: false, code: 'EXPIRED' })
    assert.isTrue((await call(now.body.secret)).body.ok)

    for (const bad of [-1, 10081, 1.5, '5']) {
      const refused = await agent.post(`/api/portal/keys/${now.body.key.id}/roll`, { overlap_minutes: bad })
      assert.equal(refused.status, 422, `overlap ${bad}`)
    }
    const [log] = await auditRows({ resource: 'api-keys', action: 'roll', record_id: String(first.key.id) })
    assert.equal(log.actor_type, 'customer')
  })

  test("another customer's key by id is a 404 for every operation; the list shows only one's own", async ({ assert }) => {
    const { agent: owner } = await customerAgent()
    const { agent: other } = await customerAgent()
    const { key } = await portalKey(owner)
    const attempts = [
      () => other.patch(`/api/portal/keys/${key.id}`, { name: 'mine now' }),
      () => other.post(`/api/portal/keys/${key.id}/disable`),
      () => other.post(`/api/portal/keys/${key.id}/enable`),
      () => other.post(`/api/portal/keys/${key.id}/roll`, { overlap_minutes: 0 }),
      () => other.delete(`/api/portal/keys/${key.id}`),
      () => other.post('/api/portal/keys/abc/disable'),
    ]
    for (const attempt of attempts) {
      const reply = await attempt()
      assert.equal(reply.status, 404, reply.text)
    }
    assert.deepEqual((await other.get('/api/portal/keys')).body, [])
    const row = await db.from('api_keys').where('id', key.id).first()
    assert.include(row, { name: 'Test key', status: 'enabled', deleted_at: null, expires_at: null })
  })

  test('disable, enable, PATCH limits, delete (hidden, refused) and at most the tier’s 20 live keys (pro)', async ({ assert }) => {
    const { customer, agent } = await customerAgent({ tier: 'pro' })
    await fundCash(customer.id, '10')
    const { key, secret } = await portalKey(agent)
    const call = () => verify({ key: secret, model: 'any', ip: '127.0.0.1' })

    assert.equal((await agent.post(`/api/portal/keys/${key.id}/disable`)).body.key.status, 'disabled')
    assert.equal((await call()).body.code, 'DISABLED')
    assert.equal((await agent.post(`/api/portal/keys/${key.id}/enable`)).body.key.status, 'enabled')
    const patched = await agent.patch(`/api/portal/keys/${key.id}`, { name: 'Renamed', tpm_limit: 1000, monthly_spend_cap: '12.5', rpm_limit: null })
    assert.equal(patched.status, 200, patched.text)
    assert.include(patched.body.key, { name: 'Renamed', tpm_limit: 1000, monthly_spend_cap: '12.500000', rpm_limit: null })
    assert.isTrue((await call()).body.ok)

    assert.equal((await agent.delete(`/api/portal/keys/${key.id}`)).status, 204)
    assert.deepEqual((await agent.get('/api/portal/keys')).body, [])
    assert.equal((await call()).body.code, 'INVALID_KEY')
    assert.equal((await agent.post(`/api/portal/keys/${key.id}/enable`)).status, 404)
    const actions = (await auditRows({ resource: 'api-keys', record_id: String(key.id) })).map((r) => r.action)
    assert.deepEqual(actions, ['create', 'disable', 'enable', 'update', 'delete'])

    for (let i = 0; i < 20; i++) await portalKey(agent, { name: `k${i}` })
    const over = await agent.post('/api/portal/keys', { name: 'one too many' })
    assert.equal(over.status, 409, over.text)
  })

  test('GET /api/portal/models lists the active models', async ({ assert }) => {
    const { agent } = await customerAgent()
    const active = await createModel({ kind: 'video', billing_unit: 'per_second' })
    const disabled = await createModel({ status: 'disabled' })
    const reply = await agent.get('/api/portal/models')
    assert.equal(reply.status, 200)
    assert.deepInclude(reply.body, { code: active.code, name: `Test ${active.code}`, vendor: 'Test', kind: 'video', billing_unit: 'per_second' })
    assert.notInclude(reply.body.map((m: any) => m.code), disabled.code)
  })
})

test.group('API keys / console', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.each.setup(() => outbox.clear())

  test('the resource lists keys without their hash; state reads expired past the expiry', async ({ assert }) => {
    const { customer, agent: portal } = await customerAgent()
    const { key } = await portalKey(portal)
    await db.from('api_keys').where('id', key.id).update({ expires_at: new Date(Date.now() - 1000) })
    const { agent } = await staffAgent('auditor')
    const list = await agent.get(`/api/admin/api-keys?customer_id=${customer.id}&state=expired`)
    assert.equal(list.status, 200, list.text)
    assert.lengthOf(list.body, 1)
    assert.include(list.body[0], { prefix: key.prefix, state: 'expired', status: 'enabled' })
    assert.notProperty(list.body[0], 'secret_hash')
    assert.match(list.body[0]._labels.customer_id, /^c•+@example\.test$/) // the auditor sees the owner's email masked
    const summary = await agent.get(`/api/admin/api-keys/summary?customer_id=${customer.id}`)
    assert.equal(summary.status, 200, summary.text)
    assert.deepInclude(summary.body.tabs, { all: 1, enabled: 1, disabled: 0, locked: 0 })
    const csv = await agent.get(`/api/admin/api-keys/export?customer_id=${customer.id}`)
    assert.equal(csv.status, 200)
    assert.include(csv.text, key.prefix)
    assert.equal((await agent.post(`/api/admin/api-keys/${key.id}/actions/disable`, { reason: 'no' })).status, 403)
  })

  test('leak lock: refused at once, the owner is emailed, audited with the reason; finance unlocks to disabled', async ({ assert }) => {
    const { customer, agent: portal } = await customerAgent()
    await fundCash(customer.id, '10')
    const { key, secret } = await portalKey(portal)
    const call = () => verify({ key: secret, model: 'any', ip: '127.0.0.1' })
    assert.isTrue((await call()).body.ok)

    const { agent: support } = await staffAgent('support')
    assert.equal((await support.post(`/api/admin/api-keys/${key.id}/actions/force_roll`, { reason: 'x' })).status, 403)
    const locked = await support.post(`/api/admin/api-keys/${key.id}/actions/leak_lock`, { reason: 'Posted in a public repository' })
    assert.equal(locked.status, 200, locked.text)
    assert.equal((await call()).body.code, 'LOCKED')
    const mail = await mailTo(customer.email, /was locked/)
    assert.exists(mail)
    assert.include(mail!.text, 'Posted in a public repository')
    assert.notInclude(mail!.text, secret)
    const [log] = await auditRows({ resource: 'api-keys', action: 'leak_lock', record_id: String(key.id) })
    assert.equal(log.reason, 'Posted in a public repository')
    assert.equal((await portal.post(`/api/portal/keys/${key.id}/enable`)).status, 409)

    assert.equal((await support.post(`/api/admin/api-keys/${key.id}/actions/unlock`, { reason: 'x' })).status, 403)
    const { agent: finance } = await staffAgent('finance')
    const unlocked = await finance.post(`/api/admin/api-keys/${key.id}/actions/unlock`, { reason: 'False alarm' })
    assert.equal(unlocked.status, 200, unlocked.text)
    const row = await db.from('api_keys').where('id', key.id).first()
    assert.include(row, { status: 'disabled', locked_at: null, locked_reason: null })
  })

  test('operations force a roll (old key stops, owner asked to roll it) and edit limits', async ({ assert }) => {
    const { customer, agent: portal } = await customerAgent()
    await fundCash(customer.id, '10')
    const model = await createModel()
    const { key, secret } = await portalKey(portal)
    const { agent } = await staffAgent('operations')

    const limits = await agent.post(`/api/admin/api-keys/${key.id}/actions/edit_limits`, {
      reason: 'Customer asked',
      allowed_models: [model.code],
      ip_allowlist: ['192.168.0.0/16'],
      daily_spend_cap: '3',
    })
    assert.equal(limits.status, 200, limits.text)
    let row = await db.from('api_keys').where('id', key.id).first()
    assert.deepEqual(row.allowed_models, [model.code])
    assert.equal(row.daily_spend_cap, '3000000')
    const badLimits = await agent.post(`/api/admin/api-keys/${key.id}/actions/edit_limits`, { reason: 'x', ip_allowlist: ['1.2.3.4/40'] })
    assert.equal(badLimits.status, 422, badLimits.text)
    assert.equal((await verify({ key: secret, model: model.code, ip: '192.168.4.4' })).body.ok, true)

    const rolled = await agent.post(`/api/admin/api-keys/${key.id}/actions/force_roll`, { reason: 'Suspicious traffic' })
    assert.equal(rolled.status, 200, rolled.text)
    assert.notProperty(rolled.body.result ?? {}, 'secret')
    assert.equal((await verify({ key: secret, model: model.code, ip: '192.168.4.4' })).body.code, 'EXPIRED')
    assert.exists(await mailTo(customer.email, /must be replaced/))
    row = await db.from('api_keys').where('id', key.id).first()
    assert.isNotNull(row.rolled_at)

    // the owner rolls it in the portal and gets a new secret with the same limits
    const replaced = await portal.post(`/api/portal/keys/${key.id}/roll`, { overlap_minutes: 0 })
    assert.equal(replaced.status, 200, replaced.text)
    assert.equal(replaced.body.key.daily_spend_cap, '3.000000')
    assert.isTrue((await verify({ key: replaced.body.secret, model: model.code, ip: '192.168.4.4' })).body.ok)
  })
})
