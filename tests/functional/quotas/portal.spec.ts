/**
 * The portal's quota and notification API (issue 11 §2): a customer reads their own quotas with
 * this period's alerts, pages through their notifications (all or unread), marks one or all read;
 * another customer's notification is a 404 and stays unread; bad parameters are 400s.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { customerAgent } from '#tests/support/agents'
import { consume, holdPlan, planWithQuotas, requestId } from '#tests/support/quotas'
import { notify } from '#services/notifications/notify'

async function notes(customerId: number, count: number) {
  const ids: number[] = []
  await db.transaction(async (trx) => {
    for (let i = 0; i < count; i++) {
      ids.push((await notify(trx, { customerId, kind: 'risk_alert', title: { 'en': `Note ${i}`, 'zh-CN': `通知 ${i}` }, body: { 'en': 'b', 'zh-CN': '内容' } }))!)
    }
  })
  return ids
}

test.group('Portal quotas and notifications', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('GET /api/portal/quotas: own quotas with reset times, and this period’s alerts', async ({ assert }) => {
    const { customer, agent } = await customerAgent()
    const other = await customerAgent()
    const plan = await planWithQuotas([
      { feature: 'video_generations', limit: 10, period: 'monthly' },
      { feature: 'api_tokens', limit: null, period: 'lifetime' },
    ], 'Creator')
    await holdPlan(customer.id, plan)
    await holdPlan(other.customer.id, plan)
    await consume({ customer: customer.id, feature: 'video_generations', amount: 9, request_id: requestId() })
    await consume({ customer: other.customer.id, feature: 'video_generations', amount: 10, request_id: requestId() })
    // an alert of an earlier period is not shown
    await db.table('quota_alerts').insert({ customer_id: customer.id, feature: 'video_generations', period: 'monthly', period_start: new Date('2020-01-01T00:00:00Z'), threshold: 100, used: 10, quota_limit: 10 })

    const reply = await agent.request('GET', '/api/portal/quotas')
    assert.equal(reply.status, 200, reply.text)
    const now = new Date()
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString()
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString()
    assert.deepEqual(reply.body.quotas, [
      { feature: 'api_tokens', limit: null, used: 0, remaining: null, period: 'lifetime', period_start: null, resets_at: null, plan: { id: plan, name: 'Creator' } },
      { feature: 'video_generations', limit: 10, used: 9, remaining: 1, period: 'monthly', period_start: monthStart, resets_at: nextMonth, plan: { id: plan, name: 'Creator' } },
    ])
    assert.deepEqual(reply.body.alerts.map((a: any) => [a.feature, a.threshold, a.period_start]), [['video_generations', 80, monthStart]])
    assert.isString(reply.body.alerts[0].created_at)

    const none = await (await customerAgent()).agent.request('GET', '/api/portal/quotas')
    assert.deepEqual(none.body, { quotas: [], alerts: [] })
    assert.equal((await new (await import('#tests/support/agent')).Agent().request('GET', '/api/portal/quotas')).status, 401)
  })

  test('notifications: pages newest first, unread filter and counts', async ({ assert }) => {
    const { customer, agent } = await customerAgent()
    const other = await customerAgent()
    const ids = await notes(customer.id, 5)
    await notes(other.customer.id, 2)
    await db.from('notifications').where('id', ids[0]).update({ read_at: new Date() })

    const page1 = await agent.request('GET', '/api/portal/notifications?page=1&per_page=2')
    assert.equal(page1.status, 200, page1.text)
    assert.equal(page1.body.total, 5)
    assert.equal(page1.body.unread, 4)
    assert.deepEqual(page1.body.data.map((n: any) => n.id), [ids[4], ids[3]])
    assert.deepEqual(Object.keys(page1.body.data[0]).sort(), ['body', 'created_at', 'data', 'id', 'kind', 'read_at', 'severity', 'title'])
    assert.deepEqual(page1.body.data[0].title, { 'en': 'Note 4', 'zh-CN': '通知 4' })
    const page3 = await agent.request('GET', '/api/portal/notifications?page=3&per_page=2')
    assert.deepEqual(page3.body.data.map((n: any) => n.id), [ids[0]])
    assert.isString(page3.body.data[0].read_at)
    const unread = await agent.request('GET', '/api/portal/notifications?unread=1&per_page=10')
    assert.equal(unread.body.total, 4)
    assert.deepEqual(unread.body.data.map((n: any) => n.id), [ids[4], ids[3], ids[2], ids[1]])

    for (const qs of ['page=0', 'per_page=101', 'page=abc', 'unread=yes', 'sort=id']) {
      assert.equal((await agent.request('GET', `/api/portal/notifications?${qs}`)).status, 400, qs)
    }
  })

  test('mark one read (204), another customer’s is a 404 and stays unread, then read-all', async ({ assert }) => {
    const { customer, agent } = await customerAgent()
    const other = await customerAgent()
    const ids = await notes(customer.id, 3)
    const [foreign] = await notes(other.customer.id, 1)

    const one = await agent.request('POST', `/api/portal/notifications/${ids[1]}/read`)
    assert.equal(one.status, 204)
    assert.isNotNull((await db.from('notifications').where('id', ids[1]).first()).read_at)
    assert.equal((await agent.request('POST', `/api/portal/notifications/${ids[1]}/read`)).status, 204)

    const theirs = await agent.request('POST', `/api/portal/notifications/${foreign}/read`)
    assert.equal(theirs.status, 404)
    assert.isNull((await db.from('notifications').where('id', foreign).first()).read_at)
    assert.equal((await agent.request('POST', '/api/portal/notifications/99999999999/read')).status, 404)
    assert.equal((await agent.request('POST', '/api/portal/notifications/abc/read')).status, 400)

    const all = await agent.request('POST', '/api/portal/notifications/read-all')
    assert.equal(all.status, 204)
    assert.equal((await agent.request('GET', '/api/portal/notifications')).body.unread, 0)
    assert.isNull((await db.from('notifications').where('id', foreign).first()).read_at)
  })
})
