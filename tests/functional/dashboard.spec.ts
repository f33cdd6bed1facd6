import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { createCustomer, createStaff } from '#tests/support/fixtures'

test.group('Dashboard summary', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('counts today’s new customers, staff sign-ins, and paid orders without their recharge', async ({ assert }) => {
    const admin = await new Agent().loginStaff((await createStaff('super_admin')).email)
    const before = (await admin.get('/api/admin/dashboard/summary')).body
    const customer = await createCustomer()
    await db.table('orders').insert({ customer_id: customer.id, channel: 'bank_transfer', currency: 'USD', amount: 990, grant_amount: 9_900_000, status: 'PAID', paid_at: new Date() })
    await new Agent().loginStaff((await createStaff('auditor')).email)
    const after = (await admin.get('/api/admin/dashboard/summary')).body
    assert.equal(after.newCustomers.today - before.newCustomers.today, 1)
    assert.equal(after.staffLoginsToday - before.staffLoginsToday, 1)
    assert.equal(after.payments.paidOrdersWithoutRecharge - before.payments.paidOrdersWithoutRecharge, 1)
    assert.lengthOf(after.trend, 30)
    assert.equal(after.trend.at(-1).count - before.trend.at(-1).count, 1)
  })

  test('needs users:view', async ({ assert }) => {
    const [role] = await db.table('roles').insert({ name: 'viewer_none', label: 'None' }).returning('*')
    const agent = await new Agent().loginStaff((await createStaff('auditor', { role_id: role.id })).email)
    assert.equal((await agent.get('/api/admin/dashboard/summary')).status, 403)
  })
})
