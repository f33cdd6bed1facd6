import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer, createStaff } from '#tests/support/fixtures'
import { pruneAuditLogs } from '#services/seal/prune_audit_logs'
import { staffAgent } from '#tests/support/agents'

test.group('Audit trail', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('create, update, action and delete each leave exactly one complete row', async ({ assert }) => {
    const admin = await createStaff('super_admin')
    const agent = await new Agent('audit-browser').loginStaff(admin.email)

    const created = await agent.post('/api/admin/roles', { name: 'reviewer', label: 'Reviewer' })
    assert.equal(created.status, 201)
    const id = String(created.body.id)
    assert.equal((await agent.patch(`/api/admin/roles/${id}`, { label: 'Senior reviewer', name: 'reviewer' })).status, 200)
    assert.equal((await agent.delete(`/api/admin/roles/${id}`)).status, 204)

    const rows = await db.from('audit_logs').where({ resource: 'roles', record_id: id }).orderBy('id')
    assert.deepEqual(rows.map((r) => r.action), ['create', 'update', 'delete'])
    for (const row of rows) {
      assert.equal(row.actor_type, 'staff')
      assert.equal(Number(row.actor_id), admin.id)
      assert.equal(row.actor_role, 'super_admin')
      assert.equal(row.user_agent, 'audit-browser')
      assert.match(row.ip, /127\.0\.0\.1/)
      assert.isString(row.request_id)
      assert.instanceOf(row.occurred_at, Date)
    }
    assert.isNull(rows[0].changes.before)
    assert.equal(rows[0].changes.after.label, 'Reviewer')
    assert.deepEqual(rows[1].changes, { before: { label: 'Reviewer' }, after: { label: 'Senior reviewer' } })
    assert.equal(rows[2].changes.before.label, 'Senior reviewer')
    assert.isNull(rows[2].changes.after)

    const customer = await createCustomer({ phone: '+1 555 0199' })
    const freeze = await agent.post(`/api/admin/users/${customer.id}/actions/freeze`, { reason: 'Suspicious activity' })
    assert.equal(freeze.status, 200)
    const [action] = await auditRows({ resource: 'users', record_id: String(customer.id), action: 'freeze' })
    assert.equal(action.reason, 'Suspicious activity')
    assert.deepEqual(action.changes.before.frozen, false)
    assert.deepEqual(action.changes.after.frozen, true)
  })

  test('a refused action writes nothing but its refusal', async ({ assert }) => {
    const ops = await createStaff('operations')
    const agent = await new Agent().loginStaff(ops.email)
    const customer = await createCustomer()
    const noReason = await agent.post(`/api/admin/users/${customer.id}/actions/freeze`, {})
    assert.equal(noReason.status, 422)
    assert.equal(noReason.body.errors[0].field, 'reason')
    const row = await db.from('customers').where('id', customer.id).first()
    assert.isFalse(row.frozen)
    assert.lengthOf(await auditRows({ resource: 'users', record_id: String(customer.id) }), 0)
  })

  test('sensitive values are masked in audit rows and revealing one is audited', async ({ assert }) => {
    const ops = await createStaff('operations')
    const agent = await new Agent().loginStaff(ops.email)
    const customer = await createCustomer({ phone: '+1 555 0100' })
    assert.equal((await agent.patch(`/api/admin/users/${customer.id}`, { phone: '+1 555 0123' })).status, 200)
    const [row] = await auditRows({ resource: 'users', record_id: String(customer.id), action: 'update' })
    assert.equal(row.changes.before.phone, '••••0100')
    assert.equal(row.changes.after.phone, '••••0123')
    const reveal = await agent.post(`/api/admin/users/${customer.id}/reveal`, { field: 'phone' })
    assert.equal(reveal.body.value, '+1 555 0123')
    assert.lengthOf(await auditRows({ action: 'reveal', record_id: String(customer.id) }), 1)
  })

  test('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async ({ assert }) => {
    await db.table('audit_logs').insert({ actor_type: 'system', action: 'fixture' })
    for (const sql of ['UPDATE audit_logs SET action = ?', 'DELETE FROM audit_logs WHERE action = ?', 'TRUNCATE audit_logs']) {
      const attempt = db.transaction((trx) => trx.rawQuery(sql, sql.includes('?') ? ['fixture'] : []))
      // the app role holds no such grant (the owner meets the append-only trigger: db_roles.spec.ts)
      await assert.rejects(() => attempt, /permission denied for table audit_logs/)
    }
    assert.lengthOf(await auditRows({ action: 'fixture' }), 1)
  })

  test('reset password shows a one-time link that is not written to the audit trail', async ({ assert }) => {
    const support = await createStaff('support')
    const agent = await new Agent().loginStaff(support.email)
    const customer = await createCustomer()
    const reply = await agent.post(`/api/admin/users/${customer.id}/actions/reset_password`, { reason: 'Customer called in' })
    assert.equal(reply.status, 200)
    assert.match(reply.body.result.resetUrl, /\/reset-password\?token=[\w-]{40,}/)
    const token = new URL(reply.body.result.resetUrl).searchParams.get('token')!
    const [row] = await auditRows({ action: 'reset_password', record_id: String(customer.id) })
    assert.notInclude(JSON.stringify(row), token)
    const stored = await db.from('customers').where('id', customer.id).first()
    assert.notEqual(stored.password_reset_hash, token)
    assert.lengthOf(stored.password_reset_hash, 64)
  })
})

test.group('Audit retention', () => {
  // committed rows: pruning runs as the maintenance role, on its own connection
  test('pruning removes only rows past retention, as the maintenance role, and is itself audited', async ({ assert }) => {
    const marker = `prune-${Date.now()}`
    const old = new Date(Date.now() - 500 * 86400_000)
    await db.table('audit_logs').multiInsert([
      { actor_type: 'system', action: 'ancient', occurred_at: old, request_id: marker },
      { actor_type: 'system', action: 'recent', request_id: marker },
    ])
    const result = await pruneAuditLogs(400)
    assert.isAtLeast(result.removed, 1)
    assert.lengthOf(await auditRows({ action: 'ancient', request_id: marker }), 0)
    assert.lengthOf(await auditRows({ action: 'recent', request_id: marker }), 1)
    const prune = await db.from('audit_logs').where('action', 'audit.prune').orderBy('id', 'desc').first()
    assert.equal(prune.metadata.removed, result.removed)
    await assert.rejects(() => pruneAuditLogs(5), /at least 30 days/)
  })

  test('the database refuses a prune inside the configured retention', async ({ assert }) => {
    // AUDIT_RETENTION_DAYS (400 by default) is the minimum the database enforces, whatever the caller asks
    await assert.rejects(() => pruneAuditLogs(60), /kept at least 400 days/)
  })
})

test.group('Password reset link', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('works once, sets the password and ends sessions', async ({ assert }) => {
    const support = await (await staffAgent('support')).agent
    const customer = await createCustomer()
    const session = await new Agent().loginCustomer(customer.email)
    const reply = await support.post(`/api/admin/users/${customer.id}/actions/reset_password`, { reason: 'Locked out' })
    const token = new URL(reply.body.result.resetUrl).searchParams.get('token')!
    const visitor = new Agent()
    assert.equal((await visitor.post('/api/portal/auth/reset-password', { token, password: 'Fresh-password-9' })).status, 204)
    assert.equal((await session.get('/api/portal/auth/me')).status, 401)
    assert.equal((await new Agent().post('/api/portal/auth/login', { email: customer.email, password: 'Fresh-password-9' })).status, 200)
    const again = await visitor.post('/api/portal/auth/reset-password', { token, password: 'Other-password-9' })
    assert.equal(again.status, 422)
    assert.equal(again.body.errors[0].field, 'token')
  })
})
