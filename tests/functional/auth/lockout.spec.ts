/**
 * Issue 8, section 6 / QUALITY.md scenario 17: throttled per IP and per account, without
 * handing attackers a way to lock the real owner out. Failures lock the (account, IP) pair
 * first; the account as a whole locks only at a much higher count; a staff member can unlock.
 * Requests come from different loopback addresses so the server sees different client IPs.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { Agent, TEST_PASSWORD } from '#tests/support/agent'
import { auditRows, createCustomer, createStaff } from '#tests/support/fixtures'
import { LOGIN_LIMITS } from '#services/auth/login_throttle'
import { staffAgent } from '#tests/support/agents'

const fail = (agent: Agent, path: string, email: string, i = 0) => agent.post(path, { email, password: `wrong-password-${i}` })

test.group('Sign-in lockout', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('an attacker failing five times from another IP does not lock the owner out', async ({ assert }) => {
    const customer = await createCustomer()
    const attacker = new Agent('attacker', '127.0.0.21')
    for (let i = 0; i < 5; i++) assert.equal((await fail(attacker, '/api/portal/auth/login', customer.email, i)).status, 422)
    assert.equal((await attacker.post('/api/portal/auth/login', { email: customer.email, password: TEST_PASSWORD })).status, 429)
    const owner = new Agent('owner', '127.0.0.22')
    assert.equal((await owner.post('/api/portal/auth/login', { email: customer.email, password: TEST_PASSWORD })).status, 200)
  })

  test('five failures lock the (account, IP) pair, even for the right password', async ({ assert }) => {
    const staff = await createStaff('support')
    const agent = new Agent('typo', '127.0.0.23')
    for (let i = 0; i < LOGIN_LIMITS.perPair.requests; i++) assert.equal((await fail(agent, '/api/admin/auth/login', staff.email, i)).status, 422)
    const locked = await agent.post('/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD })
    assert.equal(locked.status, 429)
    assert.isAbove(locked.body.retryAfter, 60)
    // the same IP may still sign in to another account
    const other = await createStaff('support')
    assert.equal((await new Agent('typo', '127.0.0.23').post('/api/admin/auth/login', { email: other.email, password: TEST_PASSWORD })).status, 200)
  })

  test('failures from many IPs past the account threshold lock the account everywhere', async ({ assert }) => {
    const customer = await createCustomer()
    const perIp = LOGIN_LIMITS.perPair.requests - 1 // stay under the pair lock
    let sent = 0
    for (let n = 0; sent < LOGIN_LIMITS.perAccount.requests; n++) {
      const agent = new Agent('botnet', `127.0.1.${n + 1}`)
      for (let i = 0; i < perIp && sent < LOGIN_LIMITS.perAccount.requests; i++, sent++) {
        assert.equal((await fail(agent, '/api/portal/auth/login', customer.email, i)).status, 422)
      }
    }
    const owner = new Agent('owner', '127.0.0.24')
    assert.equal((await owner.post('/api/portal/auth/login', { email: customer.email, password: TEST_PASSWORD })).status, 429)
  })

  test('a staff member unlocks a customer: audited, and the owner signs in from the locked IP', async ({ assert }) => {
    const customer = await createCustomer()
    const owner = new Agent('owner', '127.0.0.25')
    for (let i = 0; i < 5; i++) await fail(owner, '/api/portal/auth/login', customer.email, i)
    assert.equal((await owner.post('/api/portal/auth/login', { email: customer.email, password: TEST_PASSWORD })).status, 429)

    const support = await (await staffAgent('support')).agent
    const reply = await support.post(`/api/admin/users/${customer.id}/actions/unlock_sign_in`, { reason: 'Customer called, identity checked' })
    assert.equal(reply.status, 200, reply.text)
    const [row] = await auditRows({ action: 'unlock_sign_in', resource: 'users', record_id: String(customer.id) })
    assert.equal(row.reason, 'Customer called, identity checked')
    assert.equal(row.metadata.pairsCleared, 1)
    assert.equal((await owner.post('/api/portal/auth/login', { email: customer.email, password: TEST_PASSWORD })).status, 200)
  })

  test('unlocking a staff account needs the permission; super_admin may', async ({ assert }) => {
    const locked = await createStaff('finance')
    const agent = new Agent('typo', '127.0.0.26')
    for (let i = 0; i < 5; i++) await fail(agent, '/api/admin/auth/login', locked.email, i)
    const ops = await (await staffAgent('operations')).agent
    assert.equal((await ops.post(`/api/admin/staff/${locked.id}/actions/unlock_sign_in`, { reason: 'Forgot password' })).status, 403)
    const admin = await (await staffAgent('super_admin')).agent
    assert.equal((await admin.post(`/api/admin/staff/${locked.id}/actions/unlock_sign_in`, { reason: 'Forgot password' })).status, 200)
    assert.lengthOf(await auditRows({ action: 'unlock_sign_in', resource: 'staff', record_id: String(locked.id) }), 1)
    assert.equal((await agent.post('/api/admin/auth/login', { email: locked.email, password: TEST_PASSWORD })).status, 200)
  })
})
