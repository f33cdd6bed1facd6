/**
 * The plan catalog: plans created and edited through the console's ordinary forms, each change
 * an immutable version (who, when, old → new), prices stored exactly in cents, the demo
 * catalog, and the portal's public list.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import creditdesk from '#config/creditdesk'
import { Agent } from '#tests/support/agent'
import { DEMO_PLANS, ensureDemoPlans } from '#services/plans/demo_plans'
import { staffAgent } from '#tests/support/agents'

const PLANS = '/api/admin/plans'

const plan = (overrides: Record<string, unknown> = {}) => ({
  code: `pack-${Math.random().toString(36).slice(2, 8)}`,
  name: 'Pack',
  prices: { USD: '12.50' },
  grant_amount: '150',
  active: true,
  sort_order: 5,
  ...overrides,
})

test.group('Plans / catalog and versions', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('creating a plan stores prices in cents, answers them as money per currency and writes version 1 with who and when', async ({ assert }) => {
    const { agent, staff } = await staffAgent('super_admin')
    const reply = await agent.post(PLANS, plan({ prices: { usd: '12.50', EUR: '11.5' }, description: 'Twelve fifty' }))
    assert.equal(reply.status, 201, reply.text)
    assert.deepEqual(reply.body.prices, { EUR: '11.50', USD: '12.50' })
    assert.deepEqual((await db.from('plans').where('id', reply.body.id).first()).prices, { EUR: 1150, USD: 1250 })
    assert.equal(reply.body.price, 'EUR 11.50 · USD 12.50')
    assert.equal(reply.body.grant_amount, '150.000000')
    assert.equal(reply.body.version, 1)

    const versions = await agent.get(`/api/admin/plan-versions?plan_id=${reply.body.id}`)
    assert.equal(versions.status, 200)
    assert.lengthOf(versions.body, 1)
    assert.equal(versions.body[0].version, 1)
    assert.equal(versions.body[0].actor_label, staff.email)
    assert.isNull(versions.body[0].changes)
    assert.deepEqual(versions.body[0].prices, { EUR: '11.50', USD: '12.50' })
    assert.equal(reply.body.current_version_id, versions.body[0].id)
  })

  test('every edit writes the next immutable version with old → new; an edit that changes nothing writes none', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const created = (await agent.post(PLANS, plan())).body
    const edited = await agent.patch(`${PLANS}/${created.id}`, { ...created, name: 'Pack Plus', prices: { USD: '14.00' }, grant_amount: '170' })
    assert.equal(edited.status, 200, edited.text)
    assert.equal(edited.body.version, 2)
    const again = await agent.patch(`${PLANS}/${created.id}`, edited.body)
    assert.equal(again.status, 200, again.text)
    assert.equal(again.body.version, 2)
    const off = await agent.patch(`${PLANS}/${created.id}`, { active: false })
    assert.equal(off.body.version, 3)

    const versions = (await agent.get(`/api/admin/plan-versions?plan_id=${created.id}&_sort=version&_order=asc`)).body
    assert.deepEqual(versions.map((v: any) => v.version), [1, 2, 3])
    assert.deepEqual(versions[1].changes, {
      before: { name: 'Pack', prices: { USD: 1250 }, grant_amount: '150.000000' },
      after: { name: 'Pack Plus', prices: { USD: 1400 }, grant_amount: '170.000000' },
    })
    assert.deepEqual(versions[2].changes, { before: { active: true }, after: { active: false } })
    assert.equal(versions[1].name, 'Pack Plus')
    assert.deepEqual(versions[0].prices, { USD: '12.50' }, 'version 1 still says what was sold then')

    // each attempt in its own savepoint, so the refusal does not abort the test's transaction
    await assert.rejects(() => db.transaction((trx) => trx.from('plan_versions').where('id', versions[0].id).update({ name: 'rewritten' })), /immutable/)
    await assert.rejects(() => db.transaction((trx) => trx.from('plan_versions').where('id', versions[0].id).delete()), /immutable/)
  })

  test('bad prices, amounts and codes are field errors; nothing is written', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ prices: { USD: 9.9 } }, 'prices'],
      [{ prices: { USD: '-1' } }, 'prices'],
      [{ prices: { USD: '0' } }, 'prices'],
      [{ prices: { USD: '9.999' } }, 'prices'],
      [{ prices: { XYZ: '9.90', USD: '1' } }, 'prices'],
      [{ prices: { EUR: '9.90' } }, 'prices'],
      [{ prices: [990] }, 'prices'],
      [{ grant_amount: '0' }, 'grant_amount'],
      [{ grant_amount: '-5' }, 'grant_amount'],
      [{ code: 'has space' }, 'code'],
    ]
    const before = await db.from('plans').count('* as n').first()
    for (const [overrides, field] of cases) {
      const reply = await agent.post(PLANS, plan(overrides))
      assert.equal(reply.status, 422, `${JSON.stringify(overrides)}: ${reply.text}`)
      assert.equal(reply.body.errors[0].field, field, JSON.stringify(overrides))
    }
    const created = (await agent.post(PLANS, plan({ code: 'unique-one' }))).body
    const duplicate = await agent.post(PLANS, plan({ code: 'UNIQUE-one' }))
    assert.equal(duplicate.status, 422)
    assert.equal(duplicate.body.errors[0].field, 'code')
    const renamed = await agent.patch(`${PLANS}/${created.id}`, { code: 'other' })
    assert.equal(renamed.status, 422)
    const after = await db.from('plans').count('* as n').first()
    assert.equal(Number(after!.n), Number(before!.n) + 1)
    assert.lengthOf(await db.from('plan_versions').where('plan_id', created.id), 1)
  })

  test('only super admins change the catalog; operations and finance read it', async ({ assert }) => {
    const { agent: ops } = await staffAgent('operations')
    const { agent: finance } = await staffAgent('finance')
    assert.equal((await ops.post(PLANS, plan())).status, 403)
    assert.equal((await finance.post(PLANS, plan())).status, 403)
    assert.equal((await ops.get(PLANS)).status, 200)
    assert.equal((await finance.get('/api/admin/plan-versions')).status, 200)
    const { agent: admin } = await staffAgent('super_admin')
    const created = (await admin.post(PLANS, plan())).body
    assert.equal((await ops.patch(`${PLANS}/${created.id}`, { name: 'Hijacked' })).status, 403)
    assert.equal((await admin.request('DELETE', `${PLANS}/${created.id}`)).status, 404)
  })

  test('the demo catalog: starter, standard, premium, created once', async ({ assert }) => {
    await db.transaction((trx) => ensureDemoPlans(trx)) // as seedDemo calls it, inside its transaction
    await ensureDemoPlans() // as boot calls it, on an existing database
    const rows = await db.from('plans').whereIn('code', DEMO_PLANS.map((p) => p.code)).orderBy('sort_order')
    assert.deepEqual(rows.map((r) => r.code), ['starter', 'standard', 'premium'])
    assert.deepEqual(rows.map((r) => r.prices.USD), [990, 3000, 9900])
    const credits = creditdesk.asset === 'CREDIT' ? ['115', '355', '1450'] : ['9.90', '30.00', '99.00']
    assert.deepEqual(rows.map((r) => String(r.grant_amount)), credits.map((c) => (BigInt(Math.round(Number(c) * 100)) * 10_000n).toString()))
    for (const row of rows) assert.lengthOf(await db.from('plan_versions').where('plan_id', row.id), 1)
  })

  test('the portal lists the active plans with their price, publicly', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const on = (await agent.post(PLANS, plan({ name: 'Visible', sort_order: 1 }))).body
    const off = (await agent.post(PLANS, plan({ name: 'Hidden', active: false }))).body
    const reply = await new Agent().get('/api/portal/plans')
    assert.equal(reply.status, 200)
    const listed = reply.body.find((p: any) => p.id === on.id)
    assert.deepInclude(listed, { code: on.code, name: 'Visible', currency: 'USD', price: '12.50', unit_amount: 1250, credits: '150.000000', asset: creditdesk.asset })
    assert.isUndefined(reply.body.find((p: any) => p.id === off.id))
  })
})
