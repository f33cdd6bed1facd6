import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createCustomer } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'

test.group('Dashboard summary', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('counts today’s new customers, staff sign-ins, and paid orders without their recharge', async ({ assert }) => {
    const admin = await (await staffAgent('super_admin')).agent
    const card = (body: any, id: string) => Number(body.cards.cards.find((c: any) => c.id === id).values.today)
    const before = (await admin.get('/api/admin/dashboard/summary')).body
    const customer = await createCustomer()
    await db.table('orders').insert({ customer_id: customer.id, channel: 'bank_transfer', currency: 'USD', amount: 990, grant_amount: 9_900_000, status: 'PAID', paid_at: new Date() })
    await (await staffAgent('auditor')).agent
    const after = (await admin.get('/api/admin/dashboard/summary')).body
    assert.equal(card(after, 'new_users') - card(before, 'new_users'), 1)
    assert.equal(card(after, 'staff_logins') - card(before, 'staff_logins'), 1)
    assert.equal(after.payments.paidOrdersWithoutRecharge - before.payments.paidOrdersWithoutRecharge, 1)
  })

  /** Each summary key and the lists it summarises (the test's own table, not the engine's). */
  const SOURCES: Record<string, string[]> = {
    'cards.new_users': ['users'],
    'cards.recharged': ['ledger-transactions'],
    'cards.tokens': ['usage-records'],
    'cards.cost': ['usage-records'],
    'cards.revenue': ['usage-records'],
    'cards.margin': ['usage-records'],
    'cards.staff_logins': ['audit-logs'],
    'cards.active_users': ['usage-records'],
    moneyToday: ['ledger-transactions'],
    'payments.refundsToday': ['refunds'],
    'payments.refundsWaitingForReview': ['refunds'],
    'payments.paidOrdersWithoutRecharge': ['orders', 'reconciliation-findings'],
  }
  const keysOf = (body: any) => [
    ...Object.keys(body).filter((k) => k !== 'payments' && k !== 'cards'),
    ...Object.keys(body.payments ?? {}).map((k) => `payments.${k}`),
    ...(body.cards?.cards ?? []).map((c: any) => `cards.${c.id}`),
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
      for (const key of expected.filter((k) => !k.startsWith('payments.') && !k.startsWith('cards.'))) assert.deepEqual(reply.body[key], everything[key], `${role} ${key}`)
      const usage = (body: any) => body.cards?.cards.find((c: any) => c.id === 'tokens')?.values
      if (expected.includes('cards.tokens')) assert.deepEqual(usage(reply.body), usage(everything), `${role} tokens`)
    }
  })

  test('operations and support do not get the paid-orders-without-credit figure (its list would refuse them); support gets no staff sign-ins', async ({ assert }) => {
    const cardIds = (body: any) => (body.cards?.cards ?? []).map((c: any) => c.id)
    for (const role of ['operations', 'support']) {
      const agent = await (await staffAgent(role)).agent
      const body = (await agent.get('/api/admin/dashboard/summary')).body
      assert.notProperty(body.payments ?? {}, 'paidOrdersWithoutRecharge', role)
      assert.equal((await agent.get('/api/admin/reconciliation-findings')).status, 403, `${role} may not list the findings the card links to`)
    }
    const support = await (await staffAgent('support')).agent
    assert.notInclude(cardIds((await support.get('/api/admin/dashboard/summary')).body), 'staff_logins')
    const finance = await (await staffAgent('finance')).agent
    assert.isNumber((await finance.get('/api/admin/dashboard/summary')).body.payments.paidOrdersWithoutRecharge)
  })

  test('a role that may list only users sees only the customer figures', async ({ assert }) => {
    const [role] = await db.table('roles').insert({ name: 'users_only', label: 'Users only' }).returning('*')
    await db.table('role_permissions').insert({ role_id: role.id, resource: 'users', action: 'view' })
    const agent = await (await staffAgent('auditor', { role_id: role.id })).agent
    const reply = await agent.get('/api/admin/dashboard/summary')
    assert.equal(reply.status, 200, reply.text)
    assert.sameMembers(keysOf(reply.body), ['cards.new_users'])
  })

  test('needs users:view', async ({ assert }) => {
    const [role] = await db.table('roles').insert({ name: 'viewer_none', label: 'None' }).returning('*')
    const agent = await (await staffAgent('auditor', { role_id: role.id })).agent
    assert.equal((await agent.get('/api/admin/dashboard/summary')).status, 403)
  })
})
