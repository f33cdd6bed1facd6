/**
 * The customer page's Sessions tab: the customer-sessions resource lists a customer's portal
 * sessions only (never a staff session, even one whose subject id equals the customer's id),
 * and support ends one session — audited, and that browser's next request is refused while the
 * customer's other sessions go on.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { Agent } from '#tests/support/agent'
import { customerAgent, staffAgent } from '#tests/support/agents'

const sessionsOf = (agent: Agent, customerId: number, query = '') =>
  agent.get(`/api/admin/customer-sessions?customer_id=${customerId}&_start=0&_end=50${query}`)

test.group('Customers / sessions', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('lists only the customer sessions of a customer, with labels and the active/ended tabs', async ({ assert }) => {
    const { customer, agent: portal } = await customerAgent()
    await new Agent('Second browser').loginCustomer(customer.email)
    // a staff session whose subject id is the customer's id must never show
    const staffRow = randomUUID()
    await db.table('auth_sessions').insert({ id: staffRow, subject_type: 'staff', subject_id: customer.id, session_id: `staff-${staffRow}`, ip: '10.9.9.9' })
    await portal.post('/api/portal/auth/logout')

    const { agent } = await staffAgent('support')
    const list = await sessionsOf(agent, customer.id, '&_sort=created_at&_order=asc')
    assert.equal(list.status, 200, list.text)
    assert.equal(list.headers.get('x-total-count'), '2')
    assert.notInclude(list.body.map((r: any) => r.id), staffRow)
    assert.deepEqual(list.body.map((r: any) => r.user_agent), ['creditdesk-tests', 'Second browser'])
    assert.deepEqual(list.body.map((r: any) => r.status), ['ended', 'active'])
    assert.deepEqual(list.body.map((r: any) => r.revoked_reason), ['logout', null])
    assert.equal(list.body[1]._labels.customer_id, customer.email)
    assert.notProperty(list.body[0], 'session_id')

    const active = await sessionsOf(agent, customer.id, '&status=active')
    assert.deepEqual(active.body.map((r: any) => r.user_agent), ['Second browser'])
    const summary = await agent.get(`/api/admin/customer-sessions/summary?customer_id=${customer.id}`)
    assert.equal(summary.status, 200, summary.text)
    assert.deepInclude(summary.body.tabs, { all: 2, active: 1, ended: 1 })

    assert.equal((await agent.get(`/api/admin/customer-sessions/${staffRow}`)).status, 404)
    assert.equal((await agent.get('/api/admin/customer-sessions/not-a-session')).status, 400)
    const meta = await agent.get('/api/admin/meta')
    const users = meta.body.resources.find((r: any) => r.name === 'users')
    assert.include(users.relations.map((r: any) => r.resource), 'customer-sessions')
  })

  test('support ends one session: audited, that browser is signed out, the others stay', async ({ assert }) => {
    const { customer, agent: lost } = await customerAgent()
    const kept = await new Agent('Kept browser').loginCustomer(customer.email)
    assert.equal((await lost.get('/api/portal/auth/me')).status, 200)

    const { agent, staff } = await staffAgent('support')
    const target = (await sessionsOf(agent, customer.id)).body.find((r: any) => r.user_agent === 'creditdesk-tests')
    assert.exists(target)
    const noReason = await agent.post(`/api/admin/customer-sessions/${target.id}/actions/end_session`, {})
    assert.equal(noReason.status, 422, noReason.text)

    const ended = await agent.post(`/api/admin/customer-sessions/${target.id}/actions/end_session`, { reason: 'Customer lost the laptop' })
    assert.equal(ended.status, 200, ended.text)
    assert.equal(ended.body.message, 'Session ended')

    assert.equal((await lost.get('/api/portal/auth/me')).status, 401)
    assert.equal((await kept.get('/api/portal/auth/me')).status, 200)
    const row = await db.from('auth_sessions').where('id', target.id).first()
    assert.equal(row.revoked_reason, 'ended_by_staff')
    assert.isNotNull(row.revoked_at)

    const log = await db.from('audit_logs').where({ resource: 'customer-sessions', action: 'end_session', record_id: target.id }).first()
    assert.exists(log)
    assert.equal(log.reason, 'Customer lost the laptop')
    assert.equal(Number(log.actor_id), staff.id)

    const again = await agent.post(`/api/admin/customer-sessions/${target.id}/actions/end_session`, { reason: 'Once more please' })
    assert.equal(again.status, 400, again.text)
  })

  test('finance may look at sessions but not end them; the customer cannot see the resource', async ({ assert }) => {
    const { customer, agent: portal } = await customerAgent()
    const { agent } = await staffAgent('finance')
    const list = await sessionsOf(agent, customer.id)
    assert.equal(list.status, 200, list.text)
    assert.notEqual(list.body[0]._labels.customer_id, customer.email)
    const refused = await agent.post(`/api/admin/customer-sessions/${list.body[0].id}/actions/end_session`, { reason: 'Not allowed here' })
    assert.equal(refused.status, 403, refused.text)
    assert.equal((await portal.get('/api/admin/customer-sessions')).status, 401)
  })
})
