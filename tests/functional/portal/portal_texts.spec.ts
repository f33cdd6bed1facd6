/**
 * What the portal API gives the customer to show in either language: plans with their zh-CN
 * name and description (edited in the console, versioned), and wallet rows with `details`
 * resolved from their references (the code's last four characters, the promotion's name)
 * instead of internal ids, only from the customer's own records.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { Agent } from '#tests/support/agent'
import { createCustomer, createStaff } from '#tests/support/fixtures'
import { transactionDetails } from '#services/portal/transaction_details'

async function superAdmin() {
  const staff = await createStaff('super_admin')
  return new Agent().loginStaff(staff.email)
}

test.group('Portal / texts in both languages', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a plan’s zh-CN name and description are edited in the console, versioned, and listed to the portal', async ({ assert }) => {
    const admin = await superAdmin()
    const created = await admin.post('/api/admin/plans', {
      code: `zh-${Math.random().toString(36).slice(2, 8)}`,
      name: 'Team',
      description: 'About 50 videos',
      prices: { USD: '40.00' },
      grant_amount: '40',
      active: true,
      sort_order: 1,
    })
    assert.equal(created.status, 201, created.text)
    const edited = await admin.patch(`/api/admin/plans/${created.body.id}`, { name_zh: '团队版', description_zh: '约可生成 50 个视频' })
    assert.equal(edited.status, 200, edited.text)
    const versions = await db.from('plan_versions').where('plan_id', created.body.id).orderBy('version')
    assert.deepEqual(
      versions.map((v) => [v.version, v.name_zh]),
      [
        [1, null],
        [2, '团队版'],
      ]
    )
    assert.deepEqual(versions[1].changes.after, { name_zh: '团队版', description_zh: '约可生成 50 个视频' })

    const listed = (await new Agent().get('/api/portal/plans')).body.find((p: any) => p.id === created.body.id)
    assert.deepInclude(listed, { name: 'Team', name_zh: '团队版', description: 'About 50 videos', description_zh: '约可生成 50 个视频' })
  })

  test('wallet rows name the redeemed code by its last four and the promotion by its name, never by an internal id', async ({ assert }) => {
    const admin = await superAdmin()
    const customer = await createCustomer()
    const portal = await new Agent().loginCustomer(customer.email)

    const generated = await admin.post('/api/admin/redemption-codes/actions/generate', { count: 1, amount: '5', bucket: 'cash' })
    assert.equal(generated.status, 200, generated.text)
    const code: string = generated.body.result.codes[0]
    assert.equal((await portal.post('/api/portal/wallet/redeem', { code })).status, 201)

    const campaign = await admin.post('/api/admin/campaigns', { name: '双十一赠送', amount: '3', validity: 'days', valid_days: 30, audience: 'selected', customer_ids: [customer.id] })
    assert.equal(campaign.status, 201, campaign.text)
    assert.equal((await admin.post(`/api/admin/campaigns/${campaign.body.id}/actions/send`, {})).status, 200)
    await jobs.drain()

    const rows = (await portal.get('/api/portal/wallet/transactions?_sort=id&_order=asc')).body
    const byType = Object.fromEntries(rows.map((r: any) => [r.type, r]))
    assert.deepEqual(byType.redeem.details, { code_last4: code.slice(-4) })
    assert.deepEqual(byType.voucher_grant.details, { campaign_name: '双十一赠送' })

    // another customer's wallet resolves nothing of these references
    const stranger = await createCustomer()
    const leaked = await transactionDetails(stranger.id, [{ reference_type: 'redemption_code', reference_id: String(byType.redeem.reference_id) }])
    assert.deepEqual(leaked, [{}])
  })
})
