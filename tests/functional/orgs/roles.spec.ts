/**
 * What each member role may do in the portal while acting in an organization (PRD §10): finance
 * sees the wallet and recharges but not keys, a developer sees keys and usage but not the wallet
 * history, read-only sees only the dashboard endpoints; a developer works on the keys assigned to
 * them, an admin on all and assigns them. `auth/me` says which account and capabilities apply.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { ROLE_CAPABILITIES } from '#contract/orgs'
import { makeOrg, member, orgKey } from './org_fixtures.js'

const DASHBOARD = ['/api/portal/wallet', '/api/portal/quotas', '/api/portal/usage/summary']
const KEYS = ['/api/portal/keys']
const USAGE = ['/api/portal/usage', '/api/portal/usage/export']
const WALLET = ['/api/portal/wallet/transactions']
const RECHARGE = ['/api/portal/orders']
const MEMBERS = ['/api/portal/org/members', '/api/portal/org/invitations']

test.group('Organizations / role visibility', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  const cases = [
    { role: 'finance', allowed: [...DASHBOARD, ...WALLET, ...RECHARGE], refused: [...KEYS, ...USAGE, ...MEMBERS] },
    { role: 'developer', allowed: [...DASHBOARD, ...KEYS, ...USAGE], refused: [...WALLET, ...RECHARGE, ...MEMBERS] },
    { role: 'read_only', allowed: DASHBOARD, refused: [...KEYS, ...USAGE, ...WALLET, ...RECHARGE, ...MEMBERS] },
    { role: 'admin', allowed: [...DASHBOARD, ...KEYS, ...USAGE, ...WALLET, ...RECHARGE, ...MEMBERS], refused: [] },
  ] as const

  for (const c of cases) {
    test(`${c.role}: allowed and refused endpoints`, async ({ assert }) => {
      const org = await makeOrg()
      const m = await member(org.id, c.role)
      for (const path of c.allowed) assert.equal((await m.in.get(path)).status, 200, `${c.role} ${path}`)
      for (const path of c.refused) assert.equal((await m.in.get(path)).status, 403, `${c.role} ${path}`)
      const me = await m.in.get('/api/portal/auth/me')
      assert.deepEqual(me.body.acting, { customerId: org.id, orgId: org.id, role: c.role, capabilities: [...ROLE_CAPABILITIES[c.role]] })
      assert.deepEqual(me.body.orgs.map((o: any) => [o.id, o.role]), [[org.id, c.role]])
      // refused writes change nothing
      if (!c.allowed.includes('/api/portal/keys' as never)) {
        assert.equal((await m.in.post('/api/portal/keys', { name: 'nope' })).status, 403)
        assert.equal(Number((await db.from('api_keys').where('customer_id', org.id).count('* as n').first()).n), 0)
      }
    })
  }

  test('a developer sees and manages only the keys assigned to them; new keys are theirs', async ({ assert }) => {
    const org = await makeOrg()
    const [dev, other] = [await member(org.id, 'developer'), await member(org.id, 'developer')]
    const theirs = await orgKey(org.id, other.person.id)
    const created = await dev.in.post('/api/portal/keys', { name: 'mine' })
    assert.equal(created.status, 201, created.text)
    assert.equal(created.body.key.member_id, dev.person.id)
    assert.deepEqual((await dev.in.get('/api/portal/keys')).body.map((k: any) => k.id), [created.body.key.id])
    assert.equal((await dev.in.post(`/api/portal/keys/${theirs.id}/disable`)).status, 404)
    assert.equal((await dev.in.patch(`/api/portal/keys/${theirs.id}`, { name: 'taken' })).status, 404)
    // only an admin reassigns keys
    assert.equal((await dev.in.patch(`/api/portal/keys/${created.body.key.id}`, { member_id: other.person.id })).status, 403)
    assert.equal((await db.from('api_keys').where('id', theirs.id).first()).status, 'enabled')
  })

  test('an admin sees every key and assigns one to an active member only', async ({ assert }) => {
    const org = await makeOrg()
    const [admin, dev] = [await member(org.id, 'admin'), await member(org.id, 'developer')]
    const outsider = await makeOrg()
    const key = await orgKey(org.id, admin.person.id)
    await orgKey(org.id, dev.person.id)
    assert.lengthOf((await admin.in.get('/api/portal/keys')).body, 2)
    const moved = await admin.in.patch(`/api/portal/keys/${key.id}`, { member_id: dev.person.id })
    assert.equal(moved.status, 200, moved.text)
    assert.equal(moved.body.key.member_id, dev.person.id)
    for (const bad of [outsider.id, 'x', -1]) {
      const refused = await admin.in.patch(`/api/portal/keys/${key.id}`, { member_id: bad })
      assert.equal(refused.status, 422, `${bad}: ${refused.text}`)
    }
    assert.equal(Number((await db.from('api_keys').where('id', key.id).first()).member_id), dev.person.id)
    assert.lengthOf((await dev.in.get('/api/portal/keys')).body, 2)
  })
})
