/**
 * The price catalog: prices change only by new immutable versions (effective now or later, exact
 * decimals, refused with field errors otherwise), finance sets them and others read; upstream keys
 * are stored encrypted, never listed or exported in clear, revealed once under view_sensitive
 * with an audit row, rotated with an overlap, flagged (alerting once) and retired by the daily job.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { staffAgent } from '#tests/support/agents'
import { auditRows, createCustomer } from '#tests/support/fixtures'
import { reconciliationSettings } from '#services/reconciliation/settings'
import { runUpstreamKeyRotation } from '#services/catalog/key_rotation'

const MODELS = '/api/admin/usage-models'
const KEYS = '/api/admin/upstream-keys'
const SECRET = 'sk-live-0123456789abcdefghijklmnopqrstuv'
const DAY = 86_400_000

let serial = 0
const tokenModel = (overrides: Record<string, unknown> = {}) => ({
  code: `gpt-test-${Date.now().toString(36)}-${serial++}`,
  name: 'Test model',
  vendor: 'OpenAI',
  kind: 'text',
  billing_unit: 'per_1m_tokens',
  ...overrides,
})

async function modelWithPrices(agent: any, prices: Record<string, unknown> = { input_price: '0.15', output_price: '0.6' }) {
  const model = await agent.post(MODELS, tokenModel())
  if (model.status !== 201) throw new Error(model.text)
  const set = await agent.post(`${MODELS}/${model.body.id}/actions/set_prices`, { ...prices, reason: 'Launch prices' })
  if (set.status !== 200) throw new Error(set.text)
  return model.body
}

async function channel(agent: any) {
  const reply = await agent.post('/api/admin/channels', { name: `Channel ${serial++}`, type: 'openai', base_url: 'https://api.openai.com/v1', priority: 10, weight: 1, balance: '250.5' })
  if (reply.status !== 201) throw new Error(reply.text)
  return reply.body
}

test.group('Catalog / prices', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('set_prices writes version 2 from the previous prices and leaves version 1 as it was; the database refuses changes to versions', async ({ assert }) => {
    const { agent, staff } = await staffAgent('finance')
    const model = await modelWithPrices(agent)
    const reply = await agent.post(`${MODELS}/${model.id}/actions/set_prices`, { input_price: '0.2', output_price: '0.800000000001', cache_read_price: '0.05', reason: 'Vendor raised prices' })
    assert.equal(reply.status, 200, reply.text)
    assert.equal(reply.body.result.version, 2)

    const versions = (await agent.get(`/api/admin/price-versions?model_id=${model.id}&_sort=version&_order=asc`)).body
    assert.deepEqual(versions.map((v: any) => [v.version, v.in_force]), [[1, false], [2, true]])
    assert.equal(versions[0].input_price, '0.150000000000')
    assert.equal(versions[0].output_price, '0.600000000000')
    assert.equal(versions[1].output_price, '0.800000000001')
    assert.equal(versions[1].created_by, staff.id)
    assert.equal(versions[1].reason, 'Vendor raised prices')
    assert.deepInclude(versions[1].before, { input_price: '0.15', output_price: '0.6', cache_read_price: null })
    assert.deepInclude(versions[1].after, { input_price: '0.2', output_price: '0.800000000001', cache_read_price: '0.05' })
    const shown = (await agent.get(`${MODELS}/${model.id}`)).body
    assert.equal(shown.price_version, 2)
    assert.equal(shown.output_price, '0.800000000001')

    const [row] = await auditRows({ resource: 'usage-models', record_id: String(model.id), action: 'set_prices' }).then((rows) => rows.slice(-1))
    assert.equal(row.metadata.version, 2)
    assert.equal(row.reason, 'Vendor raised prices')
    assert.deepInclude(row.metadata.after, { output_price: '0.800000000001' })

    const first = await db.from('price_versions').where({ model_id: model.id, version: 1 }).first()
    assert.equal(first.input_price, '0.150000000000')
    await assert.rejects(() => db.transaction((trx) => trx.from('price_versions').where('id', first.id).update({ input_price: '0' })), /immutable/)
    await assert.rejects(() => db.transaction((trx) => trx.from('price_versions').where('id', first.id).delete()), /immutable/)
  })

  test('a version effective later is not in force until then; an effective time in the past is refused', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const model = await modelWithPrices(agent)
    const later = new Date(Date.now() + 3 * DAY).toISOString()
    const reply = await agent.post(`${MODELS}/${model.id}/actions/set_prices`, { input_price: '1', output_price: '2', effective_at: later, reason: 'Scheduled change' })
    assert.equal(reply.status, 200, reply.text)

    const shown = (await agent.get(`${MODELS}/${model.id}`)).body
    assert.equal(shown.price_version, 1)
    assert.equal(shown.input_price, '0.150000000000')
    assert.equal(shown.next_price_at, later)
    const scheduled = (await agent.get(`/api/admin/price-versions?model_id=${model.id}&in_force=false`)).body
    assert.deepEqual(scheduled.map((v: any) => v.version), [2])

    const past = await agent.post(`${MODELS}/${model.id}/actions/set_prices`, { input_price: '1', output_price: '2', effective_at: new Date(Date.now() - 5 * 60_000).toISOString(), reason: 'Backdated' })
    assert.equal(past.status, 422)
    assert.equal(past.body.errors[0].field, 'effective_at')
  })

  test('bad amounts are field errors and write nothing: negative, 13 decimals, exponent, beyond numeric(30,12), a float, the wrong unit', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const model = await modelWithPrices(agent)
    const unitModel = (await agent.post(MODELS, tokenModel({ kind: 'video', billing_unit: 'per_second' }))).body
    const cases: Array<[any, Record<string, unknown>, string]> = [
      [model, { input_price: '-0.01', output_price: '1' }, 'input_price'],
      [model, { input_price: '0.0000000000001', output_price: '1' }, 'input_price'],
      [model, { input_price: '1e3', output_price: '1' }, 'input_price'],
      [model, { input_price: '1000000000000000000', output_price: '1' }, 'input_price'],
      [model, { input_price: 0.15, output_price: '1' }, 'input_price'],
      [model, { input_price: '1' }, 'output_price'],
      [model, { input_price: '1', output_price: '1', unit_price: '1' }, 'unit_price'],
      [unitModel, { input_price: '1', unit_price: '0.05' }, 'input_price'],
      [model, { input_price: '1', output_price: '1', effective_at: 'tomorrow' }, 'effective_at'],
    ]
    const before = await db.from('price_versions').count('* as n').first()
    const audits = await db.from('audit_logs').where('action', 'set_prices').count('* as n').first()
    for (const [target, body, field] of cases) {
      const reply = await agent.post(`${MODELS}/${target.id}/actions/set_prices`, { ...body, reason: 'Trying' })
      assert.equal(reply.status, 422, `${JSON.stringify(body)}: ${reply.text}`)
      assert.include(reply.body.errors.map((e: any) => e.field), field, JSON.stringify(body))
    }
    const noReason = await agent.post(`${MODELS}/${model.id}/actions/set_prices`, { input_price: '1', output_price: '1' })
    assert.equal(noReason.status, 422)
    assert.deepEqual(await db.from('price_versions').count('* as n').first(), before)
    assert.deepEqual(await db.from('audit_logs').where('action', 'set_prices').count('* as n').first(), audits)

    const ok = await agent.post(`${MODELS}/${unitModel.id}/actions/set_prices`, { unit_price: '0.000000000001', reason: 'Per second' })
    assert.equal(ok.status, 200, ok.text)
    assert.equal((await db.from('price_versions').where('model_id', unitModel.id).first()).unit_price, '0.000000000001')
  })

  test('support and operations read the catalog but cannot set prices or create models; finance can', async ({ assert }) => {
    const { agent: finance } = await staffAgent('finance')
    const model = await modelWithPrices(finance)
    for (const role of ['support', 'operations', 'auditor']) {
      const { agent } = await staffAgent(role)
      const list = await agent.get(`${MODELS}?code=${model.code}`)
      assert.equal(list.status, 200, role)
      assert.equal(list.body[0].input_price, '0.150000000000')
      assert.equal((await agent.post(`${MODELS}/${model.id}/actions/set_prices`, { input_price: '0', output_price: '0', reason: 'Free for all' })).status, 403, role)
      assert.equal((await agent.post(MODELS, tokenModel())).status, 403, role)
      assert.equal((await agent.get('/api/admin/price-versions')).status, 200, role)
    }
    assert.equal(await db.from('price_versions').where('model_id', model.id).count('* as n').first().then((r) => Number(r.n)), 1)
    const meta = (await finance.get('/api/admin/meta')).body.resources.find((r: any) => r.name === 'usage-models')
    assert.includeMembers(meta.permissions, ['view', 'create', 'edit', 'set_prices'])
  })

  test('multipliers: the tier table’s and a customer override are exact decimals set by finance; bad ones are field errors', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const edited = await agent.patch('/api/admin/tiers/pro', { price_multiplier: '0.9', reason: 'Pro discount' })
    assert.equal(edited.status, 200, edited.text)
    assert.equal(edited.body.price_multiplier, '0.9000')
    for (const price_multiplier of ['0', '-1', '0.12345', '1e1', '101', 'abc']) {
      const reply = await agent.patch('/api/admin/tiers/pro', { price_multiplier, reason: 'Try a bad one' })
      assert.equal(reply.status, 422, `${price_multiplier}: ${reply.text}`)
      assert.equal(reply.body.errors[0].field, 'price_multiplier')
    }
    const { agent: support } = await staffAgent('support')
    assert.equal((await support.patch('/api/admin/tiers/pro', { price_multiplier: '0.5', reason: 'Not mine' })).status, 403)

    const customer = await createCustomer({ tier: 'pro' })
    const set = await agent.post(`/api/admin/users/${customer.id}/actions/set_price_multiplier`, { price_multiplier: '0.75', reason: 'Negotiated rate' })
    assert.equal(set.status, 200, set.text)
    assert.equal((await db.from('customers').where('id', customer.id).first()).price_multiplier, '0.7500')
    assert.equal((await agent.post(`/api/admin/users/${customer.id}/actions/set_price_multiplier`, { price_multiplier: '0.00001', reason: 'Too small' })).status, 422)
    const cleared = await agent.post(`/api/admin/users/${customer.id}/actions/set_price_multiplier`, { price_multiplier: null, reason: 'Back to tier' })
    assert.equal(cleared.status, 200, cleared.text)
    assert.isNull((await db.from('customers').where('id', customer.id).first()).price_multiplier)
    const { agent: operations } = await staffAgent('operations')
    assert.equal((await operations.post(`/api/admin/users/${customer.id}/actions/set_price_multiplier`, { price_multiplier: '0.1', reason: 'Discount' })).status, 403)
  })

  test('channels: base URL must be http(s); costs per model are exact decimals in the model unit', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    for (const base_url of ['ftp://files.example.com', 'javascript:alert(1)', 'not a url', 'https://user:pw@api.example.com']) {
      const reply = await agent.post('/api/admin/channels', { name: `Bad ${serial++}`, type: 'custom', base_url })
      assert.equal(reply.status, 422, base_url)
      assert.equal(reply.body.errors[0].field, 'base_url')
    }
    const created = await channel(agent)
    assert.equal(created.balance, '250.500000')
    assert.isNotNull(created.balance_updated_at)
    const model = await modelWithPrices(agent)
    const link = await agent.post('/api/admin/channel-models', { channel_id: created.id, model_id: model.id })
    assert.equal(link.status, 201, link.text)
    const costs = await agent.post(`/api/admin/channel-models/${link.body.id}/actions/set_costs`, { input_cost: '0.075', output_cost: '0.300000000001' })
    assert.equal(costs.status, 200, costs.text)
    const row = await db.from('channel_models').where('id', link.body.id).first()
    assert.deepEqual([row.input_cost, row.output_cost, row.unit_cost], ['0.075000000000', '0.300000000001', null])
    const shown = (await agent.get(`/api/admin/channel-models?channel_id=${created.id}`)).body[0]
    assert.equal(shown.output_cost, '0.300000000001')
    assert.equal((await agent.post(`/api/admin/channel-models/${link.body.id}/actions/set_costs`, { unit_cost: '1' })).status, 422)
  })
})

test.group('Catalog / upstream keys', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a key is stored encrypted and never returned in clear by list, show, export or its audit row', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const ch = await channel(agent)
    const created = await agent.post(KEYS, { channel_id: ch.id, name: 'Primary', secret: SECRET })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.prefix, 'sk-live-…')
    assert.equal(created.body.status, 'active')
    assert.closeTo(new Date(created.body.rotation_due_at).getTime(), Date.now() + 30 * DAY, 60_000)

    const stored = await db.from('upstream_keys').where('id', created.body.id).first()
    assert.notInclude(stored.secret_encrypted, SECRET)
    assert.notInclude(stored.secret_encrypted, 'abcdefghijklmnop')
    const texts = [
      created.text,
      (await agent.get(`${KEYS}?channel_id=${ch.id}`)).text,
      (await agent.get(`${KEYS}/${created.body.id}`)).text,
      (await agent.get(`${KEYS}/export?channel_id=${ch.id}`)).text,
      JSON.stringify(await auditRows({ resource: 'upstream-keys', record_id: String(created.body.id) })),
    ]
    for (const text of texts) {
      assert.notInclude(text, 'abcdefghijklmnop')
      assert.notInclude(text, stored.secret_encrypted)
    }
    assert.equal((await agent.post(KEYS, { channel_id: ch.id, name: 'Short', secret: 'sk-short' })).status, 422)
  })

  test('reveal shows the secret once to finance (view_sensitive) with an audit row; others are refused', async ({ assert }) => {
    const { agent, staff } = await staffAgent('finance')
    const ch = await channel(agent)
    const key = (await agent.post(KEYS, { channel_id: ch.id, name: 'Primary', secret: SECRET })).body
    for (const role of ['operations', 'support', 'auditor']) {
      const { agent: other } = await staffAgent(role)
      assert.equal((await other.post(`${KEYS}/${key.id}/actions/reveal`)).status, 403, role)
    }
    // the action alone is not enough: view_sensitive is what allows seeing a secret
    const { agent: custom, staff: customStaff } = await staffAgent('operations')
    await db.table('role_permissions').insert({ role_id: customStaff.role_id, resource: 'upstream-keys', action: 'reveal' })
    const { default: permissions } = await import('#services/permissions')
    permissions.invalidate()
    assert.equal((await custom.post(`${KEYS}/${key.id}/actions/reveal`)).status, 403)
    permissions.invalidate()

    const reply = await agent.post(`${KEYS}/${key.id}/actions/reveal`)
    assert.equal(reply.status, 200, reply.text)
    assert.equal(reply.body.result.secret, SECRET)
    assert.isTrue(reply.body.once)
    const [row] = await auditRows({ resource: 'upstream-keys', record_id: String(key.id), action: 'reveal' })
    assert.equal(row.actor_id, staff.id)
    assert.notInclude(JSON.stringify(row), SECRET)
  })

  test('rotate adds the replacement and keeps the old key for a 7-day overlap; the job flags a due key once (one alert) and retires after the overlap', async ({ assert }) => {
    const received: any[] = []
    const server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        received.push(JSON.parse(body))
        res.writeHead(200).end('ok')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    reconciliationSettings.alertWebhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
    try {
      const { agent } = await staffAgent('finance')
      const ch = await channel(agent)
      const old = (await agent.post(KEYS, { channel_id: ch.id, name: 'Primary', secret: SECRET })).body
      await db.from('upstream_keys').where('id', old.id).update({ rotation_due_at: new Date(Date.now() - DAY) })

      const now = new Date()
      const first = await runUpstreamKeyRotation(now)
      assert.include(first.flagged, old.id)
      assert.isTrue(first.alerted)
      assert.lengthOf(received, 1)
      assert.include(received[0].text, 'sk-live-…')
      assert.notInclude(received[0].text, SECRET)
      const again = await runUpstreamKeyRotation(new Date(now.getTime() + DAY))
      assert.notInclude(again.flagged, old.id)
      assert.lengthOf(received, 1, 'alerted once')
      assert.lengthOf(await auditRows({ resource: 'upstream-keys', record_id: String(old.id), action: 'rotation_flagged' }), 1)

      const newSecret = 'sk-live-ZYXWVUTSRQPONMLKJIHGFEDCBA98765'
      assert.equal((await agent.post(`${KEYS}/${old.id}/actions/rotate`, { secret: SECRET })).status, 422, 'the same secret again')
      const rotated = await agent.post(`${KEYS}/${old.id}/actions/rotate`, { secret: newSecret })
      assert.equal(rotated.status, 200, rotated.text)
      const replacementId = rotated.body.result.replacement_id
      const oldRow = await db.from('upstream_keys').where('id', old.id).first()
      assert.equal(oldRow.status, 'active')
      assert.equal(Number(oldRow.replaced_by_id), replacementId)
      assert.closeTo(oldRow.retire_at.getTime(), Date.now() + 7 * DAY, 60_000)
      assert.equal((await db.from('upstream_keys').where('id', replacementId).first()).status, 'active')
      assert.equal((await agent.post(`${KEYS}/${old.id}/actions/rotate`, { secret: `${newSecret}x` })).status, 409)
      assert.notInclude(JSON.stringify(await db.from('audit_logs').where('resource', 'upstream-keys').whereIn('record_id', [String(old.id), String(replacementId)])), 'ZYXWVUTSRQ')
      const revealed = await agent.post(`${KEYS}/${replacementId}/actions/reveal`)
      assert.equal(revealed.body.result.secret, newSecret)

      const during = await runUpstreamKeyRotation(new Date(Date.now() + 6 * DAY))
      assert.notInclude(during.retired, old.id)
      const after = await runUpstreamKeyRotation(new Date(Date.now() + 8 * DAY))
      assert.include(after.retired, old.id)
      assert.notInclude(after.retired, replacementId)
      assert.equal((await db.from('upstream_keys').where('id', old.id).first()).status, 'retired')
      assert.equal((await agent.patch(`${KEYS}/${old.id}`, { status: 'active' })).status, 422)
      assert.lengthOf(received, 1, 'retiring alerts nothing')
    } finally {
      reconciliationSettings.alertWebhookUrl = null
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
