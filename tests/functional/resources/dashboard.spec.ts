import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createCustomer } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'

test.group('Dashboard summary', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('counts today’s new customers, staff sign-ins, and paid orders without their recharge', async ({ assert }) => {
    const admin = await (await staffAgent('super_admin')).agent
    const before = (await admin.get('/api/admin/dashboard/summary')).body
    const customer = await createCustomer()
    await db.table('orders').insert({ customer_id: customer.id, channel: 'bank_transfer', currency: 'USD', amount: 990, grant_amount: 9_900_000, status: 'PAID', paid_at: new Date() })
    await (await staffAgent('auditor')).agent
    const after = (await admin.get('/api/admin/dashboard/summary')).body
    assert.equal(after.newCustomers.today - before.newCustomers.today, 1)
    assert.equal(after.staffLoginsToday - before.staffLoginsToday, 1)
    assert.equal(after.payments.paidOrdersWithoutRecharge - before.payments.paidOrdersWithoutRecharge, 1)
    assert.lengthOf(after.trend, 30)
    assert.equal(after.trend.at(-1).count - before.trend.at(-1).count, 1)
  })

  /** Each summary key and the lists it summarises (the test's own table, not the engine's). */
  const SOURCES: Record<string, string[]> = {
    staffLoginsToday: ['audit-logs'],
    newCustomers: ['users'],
    trend: ['users'],
    moneyToday: ['ledger-transactions'],
    'payments.refundsToday': ['refunds'],
    'payments.refundsWaitingForReview': ['refunds'],
    'payments.paidOrdersWithoutRecharge': ['orders', 'reconciliation-findings'],
  }
  const keysOf = (body: any) => [
    ...Object.keys(body).filter((k) => k !== 'payments'),
    ...Object.keys(body.payments ?? {}).map((k) => `payments.${k}`),
  ]

  test('each role gets exactly the figures whose lists it may view (built-in roles)', async ({ assert }) => {
    const admin = await (await staffAgent('super_admin')).agent
    const everything = (await admin.get('/api/admin/dashboard/summary')).body
    assert.sameMembers(keysOf(everything), Object.keys(SOURCES))
    for (const role of ['operations', 'finance', 'support', 'auditor']) {
      const granted = new Set(
        (await db.from('role_permissions').join('roles', 'roles.id', 'role_permissions.role_id').where('roles.name', role).where('action', 'view').select('resource')).map(
          (r) => r.resource
        )
      )
      const expected = Object.entries(SOURCES).filter(([, sources]) => sources.every((s) => granted.has(s))).map(([key]) => key)
      const agent = await (await staffAgent(role)).agent
      const reply = await agent.get('/api/admin/dashboard/summary')
      assert.equal(reply.status, 200, `${role}: ${reply.text}`)
      assert.sameMembers(keysOf(reply.body), expected, role)
      // what is shown is the same figure the super admin sees
      for (const key of expected.filter((k) => !k.startsWith('payments.') && k !== 'staffLoginsToday')) assert.deepEqual(reply.body[key], everything[key], `${role} ${key}`)
    }
  })

  test('operations and support do not get the paid-orders-without-credit figure (its list would refuse them); support gets no staff sign-ins', async ({ assert }) => {
    for (const role of ['operations', 'support']) {
      const agent = await (await staffAgent(role)).agent
      const body = (await agent.get('/api/admin/dashboard/summary')).body
      assert.notProperty(body.payments ?? {}, 'paidOrdersWithoutRecharge', role)
      assert.equal((await agent.get('/api/admin/reconciliation-findings')).status, 403, `${role} may not list the findings the card links to`)
    }
    const support = await (await staffAgent('support')).agent
    assert.notProperty((await support.get('/api/admin/dashboard/summary')).body, 'staffLoginsToday')
    const finance = await (await staffAgent('finance')).agent
    assert.isNumber((await finance.get('/api/admin/dashboard/summary')).body.payments.paidOrdersWithoutRecharge)
  })

  test('a role that may list only users sees only the customer figures', async ({ assert }) => {
    const [role] = await db.table('roles').insert({ name: 'users_only', label: 'Users only' }).returning('*')
    await db.table('role_permissions').insert({ role_id: role.id, resource: 'users', action: 'view' })
    const agent = await (await staffAgent('auditor', { role_id: role.id })).agent
    const reply = await agent.get('/api/admin/dashboard/summary')
    assert.equal(reply.status, 200, reply.text)
    assert.sameMembers(keysOf(reply.body), ['newCustomers', 'trend'])
  })

  test('needs users:view', async ({ assert }) => {
    const [role] = await db.table('roles').insert({ name: 'viewer_none', label: 'None' }).returning('*')
    const agent = await (await staffAgent('auditor', { role_id: role.id })).agent
    assert.equal((await agent.get('/api/admin/dashboard/summary')).status, 403)
  })
})
