/**
 * QUALITY 14 across organizations: a member of A reads and changes only A's keys, usage, wallet
 * and orders — by id, by list filter and by export — never B's (an organization they do not
 * belong to is a 404 whatever they name), and their own account stays apart from A's.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { creditedOrder } from '#tests/support/factories'
import { fundCash, assertLedgerHolds, units } from '#tests/support/ledger'
import { csvObjects } from '#tests/support/csv'
import { makeOrg, member, model, orgKey, usageRow } from './org_fixtures.js'

async function twoOrgs() {
  const [a, b] = [await makeOrg(), await makeOrg()]
  const m = await model()
  const admin = await member(a.id, 'admin')
  const [keyA, keyB] = [await orgKey(a.id, admin.person.id), await orgKey(b.id)]
  await usageRow(a.id, keyA.id, m.id, units('0.5'))
  await usageRow(b.id, keyB.id, m.id, units('0.7'))
  await usageRow(b.id, keyB.id, m.id, units('0.7'))
  await fundCash(a.id, '10')
  const orderB = await creditedOrder(b.id)
  return { a, b, admin, keyA, keyB, orderB }
}

test.group('Organizations / scoping (QUALITY 14)', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a member of A sees only A’s keys, usage, wallet and orders', async ({ assert }) => {
    const { a, admin, keyA } = await twoOrgs()
    const keys = await admin.in.get('/api/portal/keys')
    assert.equal(keys.status, 200, keys.text)
    assert.deepEqual(keys.body.map((k: any) => k.id), [keyA.id])
    assert.equal(keys.body[0].member_id, admin.person.id)
    const usage = await admin.in.get('/api/portal/usage')
    assert.equal(usage.status, 200, usage.text)
    assert.equal(usage.headers.get('x-total-count'), '1')
    assert.equal(usage.body[0].charged, '0.500000')
    const wallet = await admin.in.get('/api/portal/wallet')
    assert.equal(wallet.body.cash, '10.000000')
    const history = await admin.in.get('/api/portal/wallet/transactions')
    assert.equal(history.headers.get('x-total-count'), '1')
    const orders = await admin.in.get('/api/portal/orders')
    assert.equal(orders.headers.get('x-total-count'), '0')
    // the person's own account is another account: none of A's
    const own = await admin.agent.get('/api/portal/keys')
    assert.deepEqual(own.body, [])
    assert.equal((await admin.agent.get('/api/portal/wallet')).body.cash, '0.000000')
    assert.equal(a.id, (await admin.in.get('/api/portal/auth/me')).body.acting.customerId)
    await assertLedgerHolds(assert)
  })

  test('B’s key, usage, order and wallet by id and by filter are 404 from A', async ({ assert }) => {
    const { admin, keyB, orderB } = await twoOrgs()
    for (const path of [`/api/portal/keys/${keyB.id}/disable`, `/api/portal/keys/${keyB.id}/roll`]) {
      assert.equal((await admin.in.post(path)).status, 404, path)
    }
    assert.equal((await admin.in.patch(`/api/portal/keys/${keyB.id}`, { name: 'mine now' })).status, 404)
    assert.equal((await admin.in.delete(`/api/portal/keys/${keyB.id}`)).status, 404)
    assert.equal((await admin.in.get(`/api/portal/usage?api_key_id=${keyB.id}`)).status, 404)
    assert.equal((await admin.in.get(`/api/portal/usage/summary?api_key_id=${keyB.id}`)).status, 404)
    assert.equal((await admin.in.get(`/api/portal/usage/export?api_key_id=${keyB.id}`)).status, 404)
    assert.equal((await admin.in.get(`/api/portal/orders/${orderB.number}`)).status, 404)
    // filters cannot widen the scope either
    const filtered = await admin.in.get(`/api/portal/wallet/transactions?customer_id=${orderB.customer_id}`)
    assert.oneOf(filtered.status, [400, 404, 422])
    const stored = await admin.in.get(`/api/portal/keys`)
    assert.notInclude(stored.body.map((k: any) => k.id), keyB.id)
    // B's members and invitations by id
    const bMember = await member(Number(orderB.customer_id), 'developer')
    assert.equal((await admin.in.patch(`/api/portal/org/members/${bMember.memberId}`, { role: 'admin' })).status, 404)
    assert.equal((await admin.in.delete(`/api/portal/org/members/${bMember.memberId}`)).status, 404)
    assert.equal((await db.from('organization_members').where('id', bMember.memberId).first()).role, 'developer')
  })

  test('naming B (not a member) is a 404 on every endpoint; the export holds only A’s rows', async ({ assert }) => {
    const { a, b, admin } = await twoOrgs()
    const asB = (await import('./org_fixtures.js')).inOrg(admin.agent, b.id)
    for (const path of ['/api/portal/keys', '/api/portal/usage', '/api/portal/usage/export', '/api/portal/usage/summary', '/api/portal/wallet', '/api/portal/wallet/transactions', '/api/portal/orders', '/api/portal/quotas', '/api/portal/org/members', '/api/portal/org/usage/members']) {
      assert.equal((await asB.get(path)).status, 404, path)
    }
    assert.equal((await asB.post('/api/portal/keys', { name: 'x' })).status, 404)
    const csv = await admin.agent.get(`/api/portal/usage/export?_org=${a.id}`)
    assert.equal(csv.status, 200, csv.text)
    assert.lengthOf(csvObjects(csv.text).rows, 1)
    const notAnId = await admin.agent.get('/api/portal/keys?_org=abc')
    assert.equal(notAnId.status, 404)
  })

  test('the organization’s own sign-in acts in it without a header, as its first admin', async ({ assert }) => {
    const { a, keyA } = await twoOrgs()
    const own = await new Agent().loginCustomer(a.email)
    const me = await own.get('/api/portal/auth/me')
    assert.deepInclude(me.body.acting, { customerId: a.id, orgId: null, role: 'owner' })
    assert.deepEqual((await own.get('/api/portal/keys')).body.map((k: any) => k.id), [keyA.id])
    const members = await own.get('/api/portal/org/members')
    assert.equal(members.status, 200, members.text)
    assert.sameMembers(members.body.map((m: any) => m.account_owner), [true, false])
    // a person's own (individual) account has no members page
    const { admin } = await twoOrgs()
    assert.equal((await admin.agent.get('/api/portal/org/members')).status, 404)
  })

  test('a removed member loses the organization at once, and their keys there are disabled', async ({ assert }) => {
    const { a } = await twoOrgs()
    const admin = await member(a.id, 'admin')
    const dev = await member(a.id, 'developer')
    const key = await orgKey(a.id, dev.person.id)
    assert.equal((await admin.in.delete(`/api/portal/org/members/${dev.memberId}`)).status, 204)
    assert.equal((await dev.in.get('/api/portal/keys')).status, 404)
    const after = (await admin.in.get('/api/portal/keys')).body.find((k: any) => k.id === key.id)
    assert.equal(after.status, 'disabled')
    assert.notInclude((await dev.agent.get('/api/portal/orgs')).body.map((o: any) => o.id), a.id)
  })
})
