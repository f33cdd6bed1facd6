/**
 * Issue 8, section 6 / QUALITY.md scenario 18 (failed authorization is logged): requests refused
 * for a wrong service token, a wrong admin key, a missing or wrong CSRF token, or an invalid,
 * expired or already used reset link are audited — at most REFUSAL_AUDIT_LIMIT rows per kind per
 * IP per minute, so an attack cannot flood the table.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent, TEST_PASSWORD } from '#tests/support/agent'
import { createCustomer, createStaff } from '#tests/support/fixtures'
import { limiterIn } from '#services/throttle'
import { REFUSAL_AUDIT_LIMIT } from '#middleware/audited_refusal'
import { reconciliationSettings } from '#services/reconciliation/settings'
import { staffAgent } from '#tests/support/agents'

const post = (path: string, headers: Record<string, string> = {}, body: unknown = {}) =>
  fetch(`${Agent.base()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

/** Other suites' refusals from this address earlier in the run count against the same cap: start each test afresh. */
async function resetRefusalCaps() {
  const cap = limiterIn(db.connection(), REFUSAL_AUDIT_LIMIT)
  for (const kind of ['service_token', 'admin_api_key', 'csrf', 'password_reset']) {
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) await cap.delete(`audit_refusal:${kind}:${ip}`)
  }
}

/** Audit rows are append-only and other suites commit some: each test counts only rows after its start. */
let since = 0
const newAuditRows = (where: Record<string, unknown>) => db.from('audit_logs').where(where).where('id', '>', since).orderBy('id')

test.group('Refusals are audited, with a cap', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.each.setup(() => resetRefusalCaps())
  group.each.setup(async () => {
    since = Number((await db.from('audit_logs').max('id as id').first())?.id ?? 0)
  })

  test('a wrong or missing service token is audited; a flood writes at most the cap', async ({ assert }) => {
    assert.equal((await post('/api/internal/charges', { authorization: 'Bearer not-the-token' })).status, 401)
    const [row] = await newAuditRows({ action: 'access.denied', resource: 'internal-api' })
    assert.equal(row.actor_label, 'service-token')
    assert.equal(row.metadata.why, 'wrong service token')
    assert.equal(row.metadata.path, '/api/internal/charges')
    assert.match(row.ip, /127\.0\.0\.1/)
    for (let i = 0; i < 30; i++) assert.equal((await post('/api/internal/charges')).status, 401)
    const rows = await newAuditRows({ action: 'access.denied', resource: 'internal-api' })
    assert.lengthOf(rows, REFUSAL_AUDIT_LIMIT.requests)
    assert.match(rows.at(-1).metadata.capped, /not recorded/)
  })

  test('a wrong admin API key is audited with the same cap', async ({ assert }) => {
    reconciliationSettings.adminApiKey = 'test-admin-key-0123456789'
    try {
      for (let i = 0; i < 20; i++) assert.equal((await post('/api/internal/fix-credits', { 'x-admin-api-key': `wrong-${i}` })).status, 401)
    } finally {
      reconciliationSettings.adminApiKey = null
    }
    assert.lengthOf(await newAuditRows({ action: 'access.denied', resource: 'reconciliation-findings' }), REFUSAL_AUDIT_LIMIT.requests)
  })

  test('a mutation refused for a missing or wrong CSRF token is audited, capped', async ({ assert }) => {
    const staff = await createStaff('operations')
    const reply = await post('/api/admin/auth/login', {}, { email: staff.email, password: TEST_PASSWORD })
    assert.equal(reply.status, 403)
    const [row] = await newAuditRows({ action: 'access.denied', resource: 'csrf' })
    assert.equal(row.metadata.why, 'no CSRF token')
    assert.equal(row.metadata.path, '/api/admin/auth/login')
    const agent = new Agent()
    await agent.get('/api/admin/auth/me')
    for (let i = 0; i < 20; i++) {
      assert.equal((await agent.post('/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD }, { 'x-xsrf-token': 'forged' })).status, 403)
    }
    const rows = await newAuditRows({ action: 'access.denied', resource: 'csrf' })
    assert.lengthOf(rows, REFUSAL_AUDIT_LIMIT.requests)
    assert.equal(rows[1].metadata.why, 'wrong or expired CSRF token')
    // the cap does not touch the refusal itself, nor a correct request
    assert.equal((await agent.post('/api/admin/auth/login', { email: staff.email, password: TEST_PASSWORD })).status, 200)
  })

  test('an unknown, reused or expired reset link is audited', async ({ assert }) => {
    const admin = await (await staffAgent('support')).agent
    const customer = await createCustomer()
    const issued = await admin.post(`/api/admin/users/${customer.id}/actions/reset_password`, { reason: 'Locked out' })
    const token = new URL(issued.body.result.resetUrl).searchParams.get('token')!
    const visitor = new Agent()

    const unknown = await visitor.post('/api/portal/auth/reset-password', { token: 'x'.repeat(43), password: 'Fresh-password-9' })
    assert.equal(unknown.status, 422)
    assert.equal((await visitor.post('/api/portal/auth/reset-password', { token, password: 'Fresh-password-9' })).status, 204)
    const reused = await visitor.post('/api/portal/auth/reset-password', { token, password: 'Other-password-9' })
    assert.equal(reused.status, 422)
    assert.equal(reused.body.errors[0].field, 'token')

    const again = await admin.post(`/api/admin/users/${customer.id}/actions/reset_password`, { reason: 'Locked out again' })
    const late = new URL(again.body.result.resetUrl).searchParams.get('token')!
    await db.from('customers').where('id', customer.id).update({ password_reset_expires_at: new Date(Date.now() - 1000) })
    assert.equal((await visitor.post('/api/portal/auth/reset-password', { token: late, password: 'Late-password-9' })).status, 422)

    const rows = await newAuditRows({ action: 'password.reset_refused' })
    assert.deepEqual(
      rows.map((r) => [r.metadata.why, r.record_id]),
      [
        ['unknown or already used link', null],
        ['unknown or already used link', null],
        ['expired link', String(customer.id)],
      ]
    )
  })
})
