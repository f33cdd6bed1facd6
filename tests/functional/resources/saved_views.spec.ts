/**
 * Saved views: every signed-in staff member keeps named list views (the list's URL search
 * string) for the lists they can open; nobody sees or deletes another's; bad input is a 4xx
 * naming the field, and nothing is written.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { signIn } from './list_fixtures.js'

const VIEWS = '/api/admin/saved-views'
const QUERY = 'filters[0][field]=status&filters[0][operator]=eq&filters[0][value]=PAID&sorters[0][field]=created_at&sorters[0][order]=desc&columns=number,status'

test.group('Saved views', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a staff member saves, lists and deletes their own views', async ({ assert }) => {
    const { staff, agent } = await signIn('support')
    const created = await agent.post(VIEWS, { resource: 'orders', name: '  Paid this week ', query: `?${QUERY}` })
    assert.equal(created.status, 201, created.text)
    assert.containsSubset(created.body, { resource: 'orders', name: 'Paid this week', query: QUERY })
    assert.isNumber(created.body.id)
    assert.match(created.body.created_at, /^\d{4}-\d{2}-\d{2}T/)
    await agent.post(VIEWS, { resource: 'orders', name: 'All pending', query: 'status=PENDING' })
    await agent.post(VIEWS, { resource: 'users', name: 'Frozen', query: 'frozen=true' })

    const orders = await agent.get(`${VIEWS}?resource=orders`)
    assert.equal(orders.status, 200, orders.text)
    assert.deepEqual(orders.body.map((v: any) => v.name), ['All pending', 'Paid this week'])
    assert.deepEqual(Object.keys(orders.body[0]).sort(), ['created_at', 'id', 'name', 'query', 'resource'])

    const removed = await agent.delete(`${VIEWS}/${created.body.id}`)
    assert.equal(removed.status, 204)
    assert.deepEqual((await agent.get(`${VIEWS}?resource=orders`)).body.map((v: any) => v.name), ['All pending'])
    assert.equal(Number((await db.from('saved_views').where('staff_id', staff.id).count('* as n').first()).n), 2)
  })

  test("another staff member's views are neither listed nor deletable", async ({ assert }) => {
    const owner = await signIn('operations')
    const view = await owner.agent.post(VIEWS, { resource: 'orders', name: 'Mine', query: 'status=PAID' })
    const other = await signIn('operations')
    assert.deepEqual((await other.agent.get(`${VIEWS}?resource=orders`)).body, [])
    const refused = await other.agent.delete(`${VIEWS}/${view.body.id}`)
    assert.equal(refused.status, 404)
    assert.isString(refused.body.message)
    // the same name is free for someone else
    assert.equal((await other.agent.post(VIEWS, { resource: 'orders', name: 'Mine', query: '' })).status, 201)
    assert.lengthOf((await owner.agent.get(`${VIEWS}?resource=orders`)).body, 1)
  })

  test('bad input is a 4xx naming the field, and nothing is written', async ({ assert }) => {
    const { staff, agent } = await signIn('support')
    await agent.post(VIEWS, { resource: 'orders', name: 'Taken', query: '' })
    const cases: Array<[unknown, number, string]> = [
      [{ resource: 'no-such-list', name: 'x', query: '' }, 422, 'resource'],
      // support may not open the staff list, so cannot keep views of it
      [{ resource: 'staff', name: 'x', query: '' }, 422, 'resource'],
      [{ resource: 'orders', name: '', query: '' }, 422, 'name'],
      [{ resource: 'orders', name: '   ', query: '' }, 422, 'name'],
      [{ resource: 'orders', name: 'n'.repeat(81), query: '' }, 422, 'name'],
      [{ resource: 'orders', name: 'Long', query: 'a=' + 'x'.repeat(4000) }, 422, 'query'],
      // a NUL character is refused wherever it appears in a body, before any field is read
      [{ resource: 'orders', name: 'Nul', query: 'a=\u0000' }, 400, ''],
      [{ resource: 'orders', name: 12345, query: '' }, 422, 'name'],
      [{ resource: ['orders'], name: 'x', query: '' }, 422, 'resource'],
      [{ resource: 'orders', name: 'x', query: '', staff_id: 1 }, 422, 'staff_id'],
      [{ name: 'x' }, 422, 'resource'],
    ]
    for (const [body, status, field] of cases) {
      const reply = await agent.post(VIEWS, body)
      assert.equal(reply.status, status, JSON.stringify(body).slice(0, 80))
      assert.isString(reply.body.message)
      assert.include(JSON.stringify(reply.body.errors ?? []), field, JSON.stringify(body).slice(0, 80))
    }
    const duplicate = await agent.post(VIEWS, { resource: 'orders', name: 'Taken', query: 'status=PAID' })
    assert.equal(duplicate.status, 409)
    assert.include(duplicate.body.message, 'Taken')

    for (const query of ['', '?resource=', '?resource=no-such-list', '?resource=staff', '?resource[a]=orders']) {
      const reply = await agent.get(`${VIEWS}${query}`)
      assert.equal(reply.status, 422, query)
    }
    for (const id of ['abc', '99999999999999999999', '-1']) {
      const reply = await agent.delete(`${VIEWS}/${id}`)
      assert.oneOf(reply.status, [400, 404], id)
    }
    assert.deepEqual((await db.from('saved_views').where('staff_id', staff.id)).map((v) => v.name), ['Taken'])
  })

  test('every signed-in staff member may keep views; nobody signed out may', async ({ assert }) => {
    for (const role of ['auditor', 'finance']) {
      const { agent } = await signIn(role)
      assert.equal((await agent.post(VIEWS, { resource: 'orders', name: 'Mine', query: '' })).status, 201, role)
    }
    const { Agent } = await import('#tests/support/agent')
    const anonymous = new Agent()
    assert.equal((await anonymous.get(`${VIEWS}?resource=orders`)).status, 401)
  })
})
