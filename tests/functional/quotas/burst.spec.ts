/**
 * Quota consumes racing for real: committed rows, parallel HTTP requests on their own
 * connections (no global transaction). 50 consumes at once against a limit of 10 → exactly 10
 * counted; 20 copies of one request at once → counted once. Rows are removed afterwards.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { committedCustomers } from '#tests/support/fixtures'
import { alerts, consume, counters, holdPlan, planWithQuotas, removeQuotaRows, requestId, retirePlans } from '#tests/support/quotas'

test.group('Quota consume under concurrency', (group) => {
  const customers = committedCustomers()
  const ids: number[] = []
  const plans: number[] = []
  // the plans stay (their versions are immutable history) but leave the catalog customers see
  const plan = async (...args: Parameters<typeof planWithQuotas>) => {
    const id = await planWithQuotas(...args)
    plans.push(id)
    return id
  }
  group.teardown(async () => {
    await removeQuotaRows(ids)
    await customers.removeCommitted()
    await retirePlans(plans)
  })

  test('a burst of 50 concurrent consumes against a limit of 10 counts exactly 10', async ({ assert }) => {
    const c = await customers.create()
    ids.push(c.id)
    await holdPlan(c.id, await plan([{ feature: 'video_generations', limit: 10, period: 'daily' }]))
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => consume({ customer: c.id, feature: 'video_generations', amount: 1, request_id: requestId() }))
    )
    assert.deepEqual([...new Set(replies.map((r) => r.status))], [200])
    const ok = replies.filter((r) => r.body.ok === true)
    assert.lengthOf(ok, 10)
    assert.lengthOf(replies.filter((r) => r.body.code === 'QUOTA_EXCEEDED'), 40)
    assert.deepEqual(ok.map((r) => r.body.used).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const rows = await counters(c.id)
    assert.lengthOf(rows, 1)
    assert.equal(Number(rows[0].used), 10)
    const consumptions = await db.from('quota_consumptions').where('customer_id', c.id)
    assert.lengthOf(consumptions, 50)
    assert.equal(consumptions.filter((r) => r.ok).length, 10)
    assert.deepEqual((await alerts(c.id)).map((a) => a.threshold), [80, 95, 100])
    assert.lengthOf(await db.from('notifications').where({ customer_id: c.id, kind: 'quota_threshold' }), 3)
  }).timeout(60_000)

  test('20 copies of one request sent at once count once and get one answer', async ({ assert }) => {
    const c = await customers.create()
    ids.push(c.id)
    await holdPlan(c.id, await plan([{ feature: 'articles_per_day', limit: 100, period: 'daily' }]))
    const body = { customer: c.id, feature: 'articles_per_day', amount: 7, request_id: requestId() }
    const replies = await Promise.all(Array.from({ length: 20 }, () => consume(body)))
    assert.deepEqual([...new Set(replies.map((r) => r.status))], [200])
    // one answer (key order aside: the replays come from the stored jsonb)
    for (const reply of replies) assert.deepEqual(reply.body, replies[0].body)
    assert.include(replies[0].body, { ok: true, used: 7 })
    assert.equal(replies.filter((r) => r.headers.get('idempotency-replayed') === 'true').length, 19)
    assert.equal(Number((await counters(c.id))[0].used), 7)
  }).timeout(60_000)
})
