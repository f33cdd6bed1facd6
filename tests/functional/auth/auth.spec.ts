import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent, TEST_PASSWORD } from '#tests/support/agent'
import { auditRows, createCustomer, createStaff } from '#tests/support/fixtures'

test.group('Staff sign-in', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('signs in, rotates the session id, and /me answers', async ({ assert }) => {
    const staff = await createStaff('operations')
    const agent = new Agent()
    await agent.get('/api/admin/auth/me')
    const before = agent.sessionCookie()
    const login = await agent.post('/api/admin/auth/login', { email: staff.email.toUpperCase(), password: TEST_PASSWORD })
    assert.equal(login.status, 200)
    assert.equal(login.body.user.role.name, 'operations')
    assert.notEqual(agent.sessionCookie(), before)
    const me = await agent.get('/api/admin/auth/me')
    assert.equal(me.status, 200)
    assert.equal(me.body.user.email, staff.email)
    const rows = await auditRows({ action: 'login', actor_id: staff.id, actor_type: 'staff' })
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].actor_role, 'operations')
  })

  test('a wrong password is a clear 422 and an audited failure', async ({ assert }) => {
    const staff = await createStaff('finance')
    const reply = await new Agent().post('/api/admin/auth/login', { email: staff.email, password: 'not-the-password-1' })
    assert.equal(reply.status, 422)
    assert.equal(reply.body.message, 'The email or password is incorrect')
    assert.lengthOf(await auditRows({ action: 'login.failed', actor_id: staff.id }), 1)
  })

  test('five failures lock the account, even for the right password, with a retry time', async ({ assert }) => {
    const staff = await createStaff('support')
    const agent = new Agent()
    for (let i = 0; i < 5; i++) {
      const reply = await agent.post('/api/admin/auth/login', { email: staff.email, password: `wrong-password-${i}` })
      assert.equal(reply.status, 422)
    }
    const locked = await agent.post('/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD })
    assert.equal(locked.status, 429)
    assert.match(locked.body.message, /Try again in \d+ (seconds|minutes)/)
    assert.isAbove(locked.body.retryAfter, 60)
    assert.equal(locked.headers.get('retry-after'), String(locked.body.retryAfter))
    // another account from the same IP is not locked by this one
    const other = await createStaff('support')
    assert.equal((await new Agent().post('/api/admin/auth/login', { email: other.email, password: TEST_PASSWORD })).status, 200)
  })

  test('many failures from one IP across accounts lock that IP', async ({ assert }) => {
    const agent = new Agent()
    let status = 0
    for (let i = 0; i < 31 && status !== 429; i++) {
      status = (await agent.post('/api/admin/auth/login', { email: `nobody${i}@staff.test`, password: 'wrong-password-1' })).status
    }
    assert.equal(status, 429)
    const staff = await createStaff('auditor')
    assert.equal((await agent.post('/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD })).status, 429)
  })

  test('logout ends the session: the old cookie no longer works', async ({ assert }) => {
    const staff = await createStaff('auditor')
    const agent = await new Agent().loginStaff(staff.email)
    const stolen = new Agent()
    stolen.cookies = new Map(agent.cookies)
    assert.equal((await stolen.get('/api/admin/auth/me')).status, 200)
    assert.equal((await agent.post('/api/admin/auth/logout')).status, 204)
    assert.equal((await agent.get('/api/admin/auth/me')).status, 401)
    assert.equal((await stolen.get('/api/admin/auth/me')).status, 401)
    assert.lengthOf(await auditRows({ action: 'logout', actor_id: staff.id }), 1)
  })

  test('a mutation without the CSRF token is refused', async ({ assert }) => {
    const staff = await createStaff('operations')
    const response = await fetch(`${Agent.base()}/api/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: staff.email, password: TEST_PASSWORD }),
    })
    assert.equal(response.status, 403)
  })

  test('freezing a staff account ends its sessions at once', async ({ assert }) => {
    const admin = await createStaff('super_admin')
    const ops = await createStaff('operations')
    const opsAgent = await new Agent().loginStaff(ops.email)
    const adminAgent = await new Agent().loginStaff(admin.email)
    const reply = await adminAgent.post(`/api/admin/staff/${ops.id}/actions/freeze`, { reason: 'Left the company' })
    assert.equal(reply.status, 200)
    assert.equal((await opsAgent.get('/api/admin/meta')).status, 401)
    assert.equal((await new Agent().post('/api/admin/auth/login', { email: ops.email, password: TEST_PASSWORD })).status, 403)
  })

  test('the last active super_admin cannot be frozen, demoted or deleted', async ({ assert }) => {
    await db.from('staff').delete()
    const admin = await createStaff('super_admin')
    const other = await createStaff('super_admin')
    const agent = await new Agent().loginStaff(admin.email)
    assert.equal((await agent.post(`/api/admin/staff/${other.id}/actions/freeze`, { reason: 'testing the guard' })).status, 200)
    const opsRole = await db.from('roles').where('name', 'operations').first()
    const demote = await agent.patch(`/api/admin/staff/${admin.id}`, { role_id: opsRole.id })
    assert.equal(demote.status, 409)
    assert.match(demote.body.message, /last active super_admin/)
    assert.equal((await agent.delete(`/api/admin/staff/${admin.id}`)).status, 409)
    const still = await db.from('staff').where('id', admin.id).first()
    assert.equal(still.role_id, (await db.from('roles').where('name', 'super_admin').first()).id)
  })
})

test.group('Customer identity', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a customer session reaches no /api/admin route', async ({ assert }) => {
    const customer = await createCustomer()
    const agent = await new Agent().loginCustomer(customer.email)
    assert.equal((await agent.get('/api/portal/auth/me')).status, 200)
    for (const path of ['/api/admin/meta', '/api/admin/users', '/api/admin/auth/me', '/api/admin/audit-logs']) {
      assert.equal((await agent.get(path)).status, 401, path)
    }
  })

  test('a staff session is not a customer', async ({ assert }) => {
    const staff = await createStaff('super_admin')
    const agent = await new Agent().loginStaff(staff.email)
    assert.equal((await agent.get('/api/portal/auth/me')).status, 401)
  })

  test('freezing a customer ends their sessions at once', async ({ assert }) => {
    const admin = await createStaff('operations')
    const customer = await createCustomer()
    const customerAgent = await new Agent().loginCustomer(customer.email)
    const agent = await new Agent().loginStaff(admin.email)
    const reply = await agent.post(`/api/admin/users/${customer.id}/actions/freeze`, { reason: 'Chargeback' })
    assert.equal(reply.status, 200)
    assert.isTrue(reply.body.record.frozen)
    assert.equal((await customerAgent.get('/api/portal/auth/me')).status, 401)
    assert.equal((await new Agent().post('/api/portal/auth/login', { email: customer.email, password: TEST_PASSWORD })).status, 403)
  })

  test('registration applies the password policy; a new customer then signs in', async ({ assert }) => {
    const agent = new Agent()
    const weak = await agent.post('/api/portal/auth/register', { email: 'new.person@example.test', password: 'short1' })
    assert.equal(weak.status, 422)
    assert.equal(weak.body.errors[0].field, 'password')
    assert.match(weak.body.errors[0].message, /at least 10 characters/)
    const noDigit = await agent.post('/api/portal/auth/register', { email: 'new.person@example.test', password: 'onlyletters-here' })
    assert.equal(noDigit.status, 422)
    assert.match(noDigit.body.errors[0].message, /letter and one digit/)
    const ok = await agent.post('/api/portal/auth/register', { email: 'New.Person@example.test', password: 'Good-password-1' })
    assert.equal(ok.status, 202)
    assert.equal((await agent.post('/api/portal/auth/login', { email: 'new.person@example.test', password: 'Good-password-1' })).status, 200)
    assert.equal((await agent.get('/api/portal/auth/me')).body.user.email, 'new.person@example.test')
    // a second registration of the address answers the same and creates nothing (registration.spec.ts)
    const dup = await new Agent().post('/api/portal/auth/register', { email: 'new.person@EXAMPLE.test', password: 'Good-password-2' })
    assert.equal(dup.status, 202)
    assert.deepEqual(dup.body, ok.body)
    assert.lengthOf(await db.from('customers').whereRaw('lower(email) = ?', ['new.person@example.test']), 1)
  })

  test('changing the password needs the old one and ends the other sessions', async ({ assert }) => {
    const customer = await createCustomer()
    const laptop = await new Agent('laptop').loginCustomer(customer.email)
    const phone = await new Agent('phone').loginCustomer(customer.email)
    const wrong = await laptop.put('/api/portal/password', { current_password: 'not-it-123', password: 'Brand-new-pass-1' })
    assert.equal(wrong.status, 422)
    assert.equal(wrong.body.errors[0].field, 'current_password')
    assert.equal((await laptop.put('/api/portal/password', { current_password: TEST_PASSWORD, password: 'Brand-new-pass-1' })).status, 204)
    assert.equal((await laptop.get('/api/portal/auth/me')).status, 200)
    assert.equal((await phone.get('/api/portal/auth/me')).status, 401)
    assert.equal((await new Agent().post('/api/portal/auth/login', { email: customer.email, password: TEST_PASSWORD })).status, 422)
    assert.equal((await new Agent().post('/api/portal/auth/login', { email: customer.email, password: 'Brand-new-pass-1' })).status, 200)
  })

  test('lists sessions and signs out the others', async ({ assert }) => {
    const customer = await createCustomer()
    const one = await new Agent('browser one').loginCustomer(customer.email)
    const two = await new Agent('browser two').loginCustomer(customer.email)
    const list = await one.get('/api/portal/sessions')
    assert.equal(list.status, 200)
    assert.lengthOf(list.body, 2)
    assert.equal(list.body.find((s: any) => s.current).user_agent, 'browser one')
    const revoke = await one.post('/api/portal/sessions/revoke-others')
    assert.deepEqual(revoke.body, { revoked: 1 })
    assert.equal((await two.get('/api/portal/auth/me')).status, 401)
    assert.equal((await one.get('/api/portal/auth/me')).status, 200)
  })
})

test.group('Request throttling on sign-in endpoints', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('past the per-minute budget an IP gets 429, whatever the credentials', async ({ assert }) => {
    const limiter = (await import('@adonisjs/limiter/services/main')).default
    const { default: env } = await import('#start/env')
    const budget = env.get('AUTH_REQUESTS_PER_MINUTE') ?? 60
    // spend the budget directly in the limiter store, then one real request must be refused
    // (the shared limiter writes on the pool, outside the test's transaction: give the budget back after)
    const budgetStore = limiter.use({ requests: budget, duration: '1 minute' })
    await budgetStore.set('auth_ip:127.0.0.1', budget, '1 minute')
    try {
      const reply = await new Agent().post('/api/portal/auth/login', { email: 'x@example.test', password: 'whatever-123' })
      assert.equal(reply.status, 429)
    } finally {
      await budgetStore.delete('auth_ip:127.0.0.1')
    }
  })
})
