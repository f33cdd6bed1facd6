/**
 * Issue 8, section 5: anonymous requests must not create server-side sessions. The CSRF
 * secret of a visitor who has not signed in lives in an encrypted cookie; a database row is
 * written only once the session holds something (a sign-in). Machine routes (service token,
 * webhooks) get no session and no cookies at all.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent, TEST_PASSWORD } from '#tests/support/agent'
import { createCustomer, createStaff } from '#tests/support/fixtures'

async function sessionRows() {
  const [{ n }] = await db.from('sessions').count('* as n')
  return Number(n)
}

test.group('Sessions are stored only once they hold something', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('50 anonymous requests (pages, API reads, 404s) write no session row', async ({ assert }) => {
    const before = await sessionRows()
    const paths = ['/api/admin/auth/me', '/api/portal/auth/me', '/api/portal/plans', '/api/no-such-thing', '/api/admin/users']
    const returning = new Agent()
    for (let i = 0; i < 50; i++) {
      const path = paths[i % paths.length]
      // half the visitors come back with their cookies, half are new each time
      const reply = i % 2 ? await returning.get(path) : await new Agent().get(path)
      assert.isBelow(reply.status, 500, path)
    }
    assert.equal(await sessionRows(), before)
  })

  test('an anonymous visitor still gets a working XSRF cookie; a sign-in writes exactly one row', async ({ assert }) => {
    const staff = await createStaff('operations')
    const before = await sessionRows()
    const agent = new Agent()
    await agent.get('/api/admin/auth/me')
    await agent.get('/api/admin/auth/me')
    assert.isTrue(agent.cookies.has('XSRF-TOKEN'))
    assert.equal(await sessionRows(), before)
    assert.equal((await agent.post('/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD })).status, 200)
    assert.equal(await sessionRows(), before + 1)
    assert.equal((await agent.get('/api/admin/auth/me')).status, 200)
    assert.equal(await sessionRows(), before + 1)
    // signing out removes the row again; the visitor keeps a working CSRF token
    assert.equal((await agent.post('/api/admin/auth/logout')).status, 204)
    assert.equal(await sessionRows(), before)
    assert.equal((await agent.post('/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD })).status, 200)
  })

  test('the portal signs in the same way', async ({ assert }) => {
    const customer = await createCustomer()
    const before = await sessionRows()
    const agent = new Agent()
    assert.equal((await agent.get('/api/portal/auth/me')).status, 401)
    assert.equal((await agent.post('/api/portal/auth/login', { email: customer.email, password: TEST_PASSWORD })).status, 200)
    assert.equal(await sessionRows(), before + 1)
    assert.equal((await agent.get('/api/portal/wallet')).status, 200)
  })

  test('CSRF is still enforced for anonymous visitors', async ({ assert }) => {
    const staff = await createStaff('operations')
    const agent = new Agent()
    await agent.get('/api/admin/auth/me')
    // a token from another visitor's cookie does not fit this visitor's secret
    const other = new Agent()
    await other.get('/api/admin/auth/me')
    const foreign = await agent.post('/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD }, {
      'x-xsrf-token': decodeURIComponent(other.cookies.get('XSRF-TOKEN')!),
    })
    assert.equal(foreign.status, 403)
    const none = await agent.request('POST', '/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD }, { 'x-xsrf-token': '' })
    assert.equal(none.status, 403)
    assert.equal((await agent.post('/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD })).status, 200)
  })

  test('machine routes (service token, webhooks) set no cookie and write no session', async ({ assert }) => {
    const before = await sessionRows()
    for (const path of ['/api/internal/charges', '/api/webhooks/stripe', '/api/internal/fix-credits']) {
      const response = await fetch(`${Agent.base()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'authorization': 'Bearer wrong' },
        body: '{}',
      })
      assert.includeMembers([400, 401, 503], [response.status], path)
      assert.deepEqual(response.headers.getSetCookie(), [], path)
    }
    assert.equal(await sessionRows(), before)
  })
})
