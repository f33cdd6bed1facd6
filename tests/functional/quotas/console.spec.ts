/**
 * The console side of plan quotas: Set quotas on a plan is a new plan version applied to the
 * customers on the plan as its policy says (keep the period's count, or reset it — audited);
 * staff reset one customer's quota (audited, reason required); grant and cancel a plan; the
 * overview lists used / limit per customer; set a customer's time zone.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { staffAgent } from '#tests/support/agents'
import { auditRows, createCustomer } from '#tests/support/fixtures'
import { check, consume, counters, holdPlan, planWithQuotas, requestId } from '#tests/support/quotas'

const use = (customer: number, feature: string, amount: number) => consume({ customer, feature, amount, request_id: requestId() })

test.group('Plan quotas in the console', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('Set quotas with keep_period: a new version, the period’s count kept against the new limit', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const c = await createCustomer()
    const plan = await planWithQuotas([{ feature: 'video_generations', limit: 10, period: 'monthly' }])
    await holdPlan(c.id, plan)
    await use(c.id, 'video_generations', 6)
    const quotas = [{ feature: 'video_generations', limit: 8, period: 'monthly' }, { feature: 'api_tokens', limit: null, period: 'lifetime' }]
    const reply = await agent.request('POST', `/api/admin/plans/${plan}/actions/set_quotas`, { quotas, policy: 'keep_period', reason: 'Smaller video quota' })
    assert.equal(reply.status, 200, reply.text)
    const row = await db.from('plans').where('id', plan).first()
    assert.equal(row.version, 2)
    assert.deepEqual(row.quotas, quotas)
    const version = await db.from('plan_versions').where({ plan_id: plan, version: 2 }).first()
    assert.deepEqual(version.quotas, quotas)
    assert.equal(version.quota_policy, 'keep_period')
    assert.equal(version.reason, 'Smaller video quota')
    assert.deepEqual(version.changes.before.quotas, [{ feature: 'video_generations', limit: 10, period: 'monthly' }])
    assert.equal(Number((await counters(c.id))[0].used), 6)
    assert.include((await use(c.id, 'video_generations', 3)).body, { ok: false, code: 'QUOTA_EXCEEDED', limit: 8, used: 6 })
    assert.include((await use(c.id, 'video_generations', 2)).body, { ok: true, used: 8 })
    const audit = await auditRows({ resource: 'plans', action: 'set_quotas', record_id: String(plan) })
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].metadata.policy, 'keep_period')
    assert.lengthOf(await auditRows({ action: 'quota_reset', record_id: `${c.id}:video_generations:monthly` }), 0)
  })

  test('Set quotas with reset: this period’s counters of the plan’s holders go to 0, each audited', async ({ assert }) => {
    const { agent, staff } = await staffAgent('super_admin')
    const [a, b, outsider] = [await createCustomer(), await createCustomer(), await createCustomer()]
    const plan = await planWithQuotas([{ feature: 'articles_per_day', limit: 10, period: 'daily' }])
    const otherPlan = await planWithQuotas([{ feature: 'articles_per_day', limit: 10, period: 'daily' }])
    await holdPlan(a.id, plan)
    await holdPlan(b.id, plan)
    await holdPlan(outsider.id, otherPlan)
    await use(a.id, 'articles_per_day', 6)
    await use(b.id, 'articles_per_day', 2)
    await use(outsider.id, 'articles_per_day', 5)
    const reply = await agent.request('POST', `/api/admin/plans/${plan}/actions/set_quotas`, {
      quotas: [{ feature: 'articles_per_day', limit: 20, period: 'daily' }],
      policy: 'reset',
      reason: 'Launch week: fresh quotas',
    })
    assert.equal(reply.status, 200, reply.text)
    assert.equal(Number((await counters(a.id))[0].used), 0)
    assert.equal(Number((await counters(b.id))[0].used), 0)
    assert.equal(Number((await counters(outsider.id))[0].used), 5)
    const resetA = await auditRows({ action: 'quota_reset', record_id: `${a.id}:articles_per_day:daily` })
    assert.lengthOf(resetA, 1)
    assert.deepEqual(resetA[0].changes, { before: { used: 6 }, after: { used: 0 } })
    assert.equal(resetA[0].reason, 'Launch week: fresh quotas')
    assert.equal(Number(resetA[0].actor_id), Number(staff.id))
    assert.include((await check(`customer=${a.id}&feature=articles_per_day&amount=20`)).body, { ok: true, limit: 30 - 10, used: 0 })
    assert.equal((await db.from('plan_versions').where({ plan_id: plan, version: 2 }).first()).quota_policy, 'reset')
  })

  test('Set quotas refuses bad quotas and a missing policy, writing nothing', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const plan = await planWithQuotas([{ feature: 'video_generations', limit: 10, period: 'monthly' }])
    const cases = [
      { quotas: [{ feature: 'video_generations', limit: -1, period: 'monthly' }], policy: 'keep_period', reason: 'bad limit' },
      { quotas: [{ feature: 'video_generations', limit: 1, period: 'weekly' }], policy: 'keep_period', reason: 'bad period' },
      { quotas: [{ feature: 'x', limit: 1, period: 'daily' }, { feature: 'x', limit: 2, period: 'daily' }], policy: 'keep_period', reason: 'twice' },
      { quotas: [{ feature: 'video_generations', limit: 5, period: 'monthly' }], reason: 'no policy' },
      { quotas: [{ feature: 'video_generations', limit: 5, period: 'monthly' }], policy: 'keep_period' },
    ]
    for (const body of cases) {
      const reply = await agent.request('POST', `/api/admin/plans/${plan}/actions/set_quotas`, body)
      assert.equal(reply.status, 422, `${JSON.stringify(body)} → ${reply.text}`)
    }
    const same = await agent.request('POST', `/api/admin/plans/${plan}/actions/set_quotas`, {
      quotas: [{ feature: 'video_generations', limit: 10, period: 'monthly' }],
      policy: 'keep_period',
      reason: 'unchanged',
    })
    assert.equal(same.status, 400)
    assert.equal((await db.from('plans').where('id', plan).first()).version, 1)
  })

  test('staff reset one customer’s quota: audited with the reason, needs a reason and the permission', async ({ assert }) => {
    const ops = await staffAgent('operations')
    const support = await staffAgent('support')
    const c = await createCustomer()
    await holdPlan(c.id, await planWithQuotas([{ feature: 'video_generations', limit: 10, period: 'monthly' }], 'Ops plan'))
    await use(c.id, 'video_generations', 9)
    const key = `${c.id}:video_generations:monthly`

    const list = await ops.agent.request('GET', `/api/admin/customer-quotas?customer_id=${c.id}`)
    assert.equal(list.status, 200, list.text)
    assert.lengthOf(list.body, 1)
    assert.include(list.body[0], { id: key, feature: 'video_generations', used: 9, quota_limit: 10, usage: '9 / 10', period: 'monthly' })
    assert.equal(Number(list.body[0].percent), 90)

    assert.equal((await support.agent.request('POST', `/api/admin/customer-quotas/${key}/actions/reset`, { reason: 'Goodwill' })).status, 403)
    assert.equal((await ops.agent.request('POST', `/api/admin/customer-quotas/${key}/actions/reset`, {})).status, 422)
    assert.equal(Number((await counters(c.id))[0].used), 9)

    const reply = await ops.agent.request('POST', `/api/admin/customer-quotas/${key}/actions/reset`, { reason: 'Goodwill after an outage' })
    assert.equal(reply.status, 200, reply.text)
    assert.equal(Number((await counters(c.id))[0].used), 0)
    const rows = await auditRows({ action: 'quota_reset', record_id: key })
    assert.lengthOf(rows, 1)
    assert.deepEqual(rows[0].changes, { before: { used: 9 }, after: { used: 0 } })
    assert.equal(rows[0].reason, 'Goodwill after an outage')
    const engine = await auditRows({ action: 'reset', resource: 'customer-quotas', record_id: key })
    assert.lengthOf(engine, 1)
    assert.deepEqual(engine[0].changes, { before: { used: 9 }, after: { used: 0 } })
    assert.lengthOf(await db.from('notifications').where({ customer_id: c.id, kind: 'quota_reset' }), 1)
    // nothing left to reset
    assert.equal((await ops.agent.request('POST', `/api/admin/customer-quotas/${key}/actions/reset`, { reason: 'Again' })).status, 400)
  })

  test('grant a plan, then cancel it: the quotas come and go', async ({ assert }) => {
    const { agent, staff } = await staffAgent('operations')
    const c = await createCustomer()
    const plan = await planWithQuotas([{ feature: 'publish_per_day', limit: 4, period: 'daily' }])
    assert.include((await check(`customer=${c.id}&feature=publish_per_day&amount=1`)).body, { code: 'NO_QUOTA' })
    const granted = await agent.request('POST', '/api/admin/customer-plans/actions/grant', { customer_id: c.id, plan_id: plan, reason: 'Trial for a partner' })
    assert.equal(granted.status, 200, granted.text)
    const [row] = await db.from('customer_plans').where('customer_id', c.id)
    assert.include(row, { source: 'staff', status: 'active', reason: 'Trial for a partner' })
    assert.equal(Number(row.staff_id), Number(staff.id))
    assert.include((await check(`customer=${c.id}&feature=publish_per_day&amount=4`)).body, { ok: true, limit: 4 })

    assert.equal((await agent.request('POST', '/api/admin/customer-plans/actions/grant', { customer_id: c.id, plan_id: plan })).status, 422)
    assert.equal((await agent.request('POST', '/api/admin/customer-plans/actions/grant', { customer_id: 999_999_999, plan_id: plan, reason: 'nobody' })).status, 422)
    assert.equal(
      (await agent.request('POST', '/api/admin/customer-plans/actions/grant', { customer_id: c.id, plan_id: plan, reason: 'ends first', starts_at: '2026-05-02T00:00:00Z', ends_at: '2026-05-01T00:00:00Z' })).status,
      422
    )
    assert.lengthOf(await db.from('customer_plans').where('customer_id', c.id), 1)

    const cancelled = await agent.request('POST', `/api/admin/customer-plans/${row.id}/actions/cancel`, { reason: 'Trial over' })
    assert.equal(cancelled.status, 200, cancelled.text)
    assert.include((await check(`customer=${c.id}&feature=publish_per_day&amount=1`)).body, { ok: false, code: 'NO_QUOTA' })
    assert.lengthOf(await auditRows({ resource: 'customer-plans', action: 'cancel', record_id: String(row.id) }), 1)
  })

  test('a customer’s time zone: an IANA name, audited; anything else refused', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const c = await createCustomer()
    const ok = await agent.request('POST', `/api/admin/users/${c.id}/actions/set_time_zone`, { time_zone: 'Asia/Shanghai', reason: 'Customer in Beijing' })
    assert.equal(ok.status, 200, ok.text)
    assert.equal((await db.from('customers').where('id', c.id).first()).time_zone, 'Asia/Shanghai')
    for (const zone of ['Mars/Olympus', "UTC'; --", '']) {
      const bad = await agent.request('POST', `/api/admin/users/${c.id}/actions/set_time_zone`, { time_zone: zone, reason: 'typo' })
      assert.equal(bad.status, 422, zone)
    }
    assert.equal((await db.from('customers').where('id', c.id).first()).time_zone, 'Asia/Shanghai')
  })

  test('the quota alert, usage record and notification lists filter by customer and kind', async ({ assert }) => {
    const { agent } = await staffAgent('auditor')
    const c = await createCustomer()
    await holdPlan(c.id, await planWithQuotas([{ feature: 'video_generations', limit: 5, period: 'monthly' }]))
    await use(c.id, 'video_generations', 5)
    const alertList = await agent.request('GET', `/api/admin/quota-alerts?customer_id=${c.id}&_sort=id&_order=asc`)
    assert.equal(alertList.status, 200, alertList.text)
    assert.deepEqual(alertList.body.map((a: any) => a.threshold), ['80', '95', '100'])
    const records = await agent.request('GET', `/api/admin/quota-consumptions?customer_id=${c.id}`)
    assert.deepEqual(records.body.map((r: any) => [r.amount, r.ok]), [[5, true]])
    const notes = await agent.request('GET', `/api/admin/notifications?customer_id=${c.id}&kind=quota_threshold`)
    assert.equal(notes.status, 200, notes.text)
    assert.lengthOf(notes.body, 3)
    assert.equal(notes.headers.get('x-total-count'), '3')
    assert.include(notes.body.map((n: any) => n.title_en), 'Video generations: quota used up')
    const planGrants = await agent.request('GET', `/api/admin/notifications?customer_id=${c.id}&kind=plan_granted`)
    assert.lengthOf(planGrants.body, 1)
  })
})
