/**
 * Plan quotas (issue 11 §2): consume counts once per request id and never past the limit, check
 * counts nothing, limits of several plans add up (unlimited wins), periods start at the midnight of
 * the customer's time zone, alerts fire once per threshold per period, and bad input is a 4xx that
 * writes nothing. A credited order of a plan with quotas activates the plan.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import consumeQuota from '#actions/quotas/consume_quota'
import { SYSTEM_ACTOR } from '#services/audit'
import { creditOrder } from '#services/orders/credit_order'
import { transaction } from '#services/transaction'
import { NO_REQUEST } from '#services/use_case'
import { createCustomer } from '#tests/support/fixtures'
import { createOrder } from '#tests/support/factories'
import { alerts, check, consume, counters, holdPlan, planWithQuotas, requestId } from '#tests/support/quotas'

const deps = (trx: any) => ({ trx, actor: SYSTEM_ACTOR, facts: NO_REQUEST })
/** Consume through the use case at a chosen moment (the HTTP API always uses now). */
const consumeAt = (customerId: number, feature: string, amount: number, at: string) =>
  transaction((trx) => consumeQuota.handle({ customerId, feature, amount: BigInt(amount), requestId: requestId(), at: new Date(at) }, deps(trx)))

test.group('Quota consume and check', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('no plan gives the feature: NO_QUOTA, stored for the replay', async ({ assert }) => {
    const c = await createCustomer()
    const id = requestId()
    const first = await consume({ customer: c.id, feature: 'video_generations', amount: 1, request_id: id })
    assert.equal(first.status, 200)
    assert.deepEqual(first.body, { ok: false, code: 'NO_QUOTA', message: 'No active plan gives this feature', feature: 'video_generations' })
    const replay = await consume({ customer: c.id, feature: 'video_generations', amount: 1, request_id: id })
    assert.deepEqual(replay.body, first.body)
    assert.equal(replay.headers.get('idempotency-replayed'), 'true')
    assert.lengthOf(await counters(c.id), 0)
  })

  test('counts up to the limit, refuses past it; check counts nothing', async ({ assert }) => {
    const c = await createCustomer()
    const plan = await planWithQuotas([{ feature: 'video_generations', limit: 10, period: 'monthly' }], 'Video plan')
    await holdPlan(c.id, plan)
    const four = await consume({ customer: c.id, feature: 'video_generations', amount: 4, request_id: requestId() })
    assert.equal(four.status, 200)
    assert.include(four.body, { ok: true, feature: 'video_generations', limit: 10, used: 4, remaining: 6, period: 'monthly' })
    assert.deepEqual(four.body.plan, { id: plan, name: 'Video plan' })

    const fits = await check(`customer=${c.id}&feature=video_generations&amount=6`)
    assert.include(fits.body, { ok: true, used: 4, remaining: 6 })
    const short = await check(`customer=${c.id}&feature=video_generations&amount=7`)
    assert.include(short.body, { ok: false, code: 'QUOTA_EXCEEDED', used: 4, remaining: 6, limit: 10 })

    const refused = await consume({ customer: c.id, feature: 'video_generations', amount: 7, request_id: requestId() })
    assert.include(refused.body, { ok: false, code: 'QUOTA_EXCEEDED', used: 4 })
    const six = await consume({ customer: c.id, feature: 'video_generations', amount: 6, request_id: requestId() })
    assert.include(six.body, { ok: true, used: 10, remaining: 0 })
    const [counter] = await counters(c.id)
    assert.equal(Number(counter.used), 10)
    const rows = await db.from('quota_consumptions').where('customer_id', c.id).orderBy('id')
    assert.deepEqual(rows.map((r) => [Number(r.amount), r.ok, r.code]), [[4, true, null], [7, false, 'QUOTA_EXCEEDED'], [6, true, null]])
  })

  test('a replayed request_id gets the same answer and counts once; another amount is a 409', async ({ assert }) => {
    const c = await createCustomer()
    await holdPlan(c.id, await planWithQuotas([{ feature: 'articles_per_day', limit: 100, period: 'daily' }]))
    const id = requestId()
    const body = { customer: c.id, feature: 'articles_per_day', amount: 3, request_id: id }
    const first = await consume(body)
    const again = await consume(body)
    const third = await consume(body)
    assert.include(first.body, { ok: true, used: 3 })
    assert.deepEqual(again.body, first.body)
    assert.deepEqual(third.body, first.body)
    assert.isNull(first.headers.get('idempotency-replayed'))
    assert.equal(third.headers.get('idempotency-replayed'), 'true')
    const other = await consume({ ...body, amount: 4 })
    assert.equal(other.status, 409)
    assert.equal(Number((await counters(c.id))[0].used), 3)
    assert.lengthOf(await db.from('quota_consumptions').where('customer_id', c.id), 1)
  })

  test('limits of one feature add up over plans; an unlimited plan makes it unlimited', async ({ assert }) => {
    const c = await createCustomer()
    await holdPlan(c.id, await planWithQuotas([{ feature: 'publish_per_day', limit: 10, period: 'daily' }]))
    await holdPlan(c.id, await planWithQuotas([{ feature: 'publish_per_day', limit: 5, period: 'daily' }]))
    const a = await check(`customer=${c.id}&feature=publish_per_day&amount=15`)
    assert.include(a.body, { ok: true, limit: 15, remaining: 15 })
    assert.include((await check(`customer=${c.id}&feature=publish_per_day&amount=16`)).body, { ok: false, code: 'QUOTA_EXCEEDED' })
    await holdPlan(c.id, await planWithQuotas([{ feature: 'publish_per_day', limit: null, period: 'daily' }]))
    const big = await consume({ customer: c.id, feature: 'publish_per_day', amount: 1000, request_id: requestId() })
    assert.include(big.body, { ok: true, limit: null, remaining: null, used: 1000 })
  })

  test('a daily and a monthly quota of one feature both bind', async ({ assert }) => {
    const c = await createCustomer()
    await holdPlan(c.id, await planWithQuotas([
      { feature: 'keyword_distillation', limit: 5, period: 'daily' },
      { feature: 'keyword_distillation', limit: 7, period: 'monthly' },
    ]))
    await consumeAt(c.id, 'keyword_distillation', 5, '2026-03-10T10:00:00Z')
    const sameDay = await consumeAt(c.id, 'keyword_distillation', 1, '2026-03-10T11:00:00Z')
    assert.include(sameDay.answer, { ok: false, code: 'QUOTA_EXCEEDED', period: 'daily' })
    const nextDay = await consumeAt(c.id, 'keyword_distillation', 2, '2026-03-11T10:00:00Z')
    assert.include(nextDay.answer, { ok: true, period: 'monthly', used: 7, remaining: 0 })
    const third = await consumeAt(c.id, 'keyword_distillation', 1, '2026-03-12T10:00:00Z')
    assert.include(third.answer, { ok: false, code: 'QUOTA_EXCEEDED', period: 'monthly' })
  })

  test('a period starts at midnight in the customer’s zone: Asia/Shanghai before UTC', async ({ assert }) => {
    const utc = await createCustomer()
    const shanghai = await createCustomer({ time_zone: 'Asia/Shanghai' })
    const plan = await planWithQuotas([{ feature: 'articles_per_day', limit: 5, period: 'daily' }])
    await holdPlan(utc.id, plan)
    await holdPlan(shanghai.id, plan)

    // 15:30 UTC = 23:30 in Shanghai: both use the whole day
    const a = await consumeAt(utc.id, 'articles_per_day', 5, '2026-11-27T15:30:00Z')
    const b = await consumeAt(shanghai.id, 'articles_per_day', 5, '2026-11-27T15:30:00Z')
    assert.include(a.answer, { ok: true, period_start: '2026-11-27T00:00:00.000Z', resets_at: '2026-11-28T00:00:00.000Z' })
    assert.include(b.answer, { ok: true, period_start: '2026-11-26T16:00:00.000Z', resets_at: '2026-11-27T16:00:00.000Z' })

    // 16:30 UTC = 00:30 the next day in Shanghai: only the Shanghai customer has a new day
    const a2 = await consumeAt(utc.id, 'articles_per_day', 1, '2026-11-27T16:30:00Z')
    const b2 = await consumeAt(shanghai.id, 'articles_per_day', 1, '2026-11-27T16:30:00Z')
    assert.include(a2.answer, { ok: false, code: 'QUOTA_EXCEEDED', used: 5 })
    assert.include(b2.answer, { ok: true, used: 1, period_start: '2026-11-27T16:00:00.000Z' })

    // just before and after midnight UTC
    assert.include((await consumeAt(utc.id, 'articles_per_day', 1, '2026-11-27T23:59:59Z')).answer, { ok: false })
    assert.include((await consumeAt(utc.id, 'articles_per_day', 1, '2026-11-28T00:00:00Z')).answer, { ok: true, used: 1 })

    const starts = (await counters(shanghai.id)).map((r) => new Date(r.period_start).toISOString())
    assert.deepEqual(starts, ['2026-11-26T16:00:00.000Z', '2026-11-27T16:00:00.000Z'])
  })

  test('a month starts at the zone’s midnight too; lifetime never resets', async ({ assert }) => {
    const shanghai = await createCustomer({ time_zone: 'Asia/Shanghai' })
    await holdPlan(shanghai.id, await planWithQuotas([
      { feature: 'video_generations', limit: 3, period: 'monthly' },
      { feature: 'api_tokens', limit: 10, period: 'lifetime' },
    ]))
    const nov = await consumeAt(shanghai.id, 'video_generations', 3, '2026-11-30T15:59:59Z')
    assert.include(nov.answer, { ok: true, period_start: '2026-10-31T16:00:00.000Z', resets_at: '2026-11-30T16:00:00.000Z' })
    const dec = await consumeAt(shanghai.id, 'video_generations', 3, '2026-11-30T16:00:00Z')
    assert.include(dec.answer, { ok: true, used: 3, period_start: '2026-11-30T16:00:00.000Z' })

    await consumeAt(shanghai.id, 'api_tokens', 10, '2025-01-01T00:00:00Z')
    const later = await consumeAt(shanghai.id, 'api_tokens', 1, '2027-06-01T00:00:00Z')
    assert.include(later.answer, { ok: false, code: 'QUOTA_EXCEEDED', period: 'lifetime', period_start: null, resets_at: null })
  })

  test('alerts fire once per threshold per period, each with its notification', async ({ assert }) => {
    const c = await createCustomer()
    await holdPlan(c.id, await planWithQuotas([{ feature: 'articles_per_day', limit: 20, period: 'daily' }]))
    await consumeAt(c.id, 'articles_per_day', 15, '2026-05-01T08:00:00Z') // 75 %
    assert.lengthOf(await alerts(c.id), 0)
    await consumeAt(c.id, 'articles_per_day', 1, '2026-05-01T09:00:00Z') // 80 %
    await consumeAt(c.id, 'articles_per_day', 1, '2026-05-01T09:10:00Z') // 85 %
    assert.deepEqual((await alerts(c.id)).map((a) => a.threshold), [80])
    await consumeAt(c.id, 'articles_per_day', 3, '2026-05-01T10:00:00Z') // 100 %: 95 and 100 at once
    await consumeAt(c.id, 'articles_per_day', 1, '2026-05-01T11:00:00Z') // refused, nothing new
    const day1 = await alerts(c.id)
    assert.deepEqual(day1.map((a) => [a.threshold, Number(a.used)]), [[80, 16], [95, 20], [100, 20]])

    const notes = await db.from('notifications').where({ customer_id: c.id, kind: 'quota_threshold' }).orderBy('id')
    assert.lengthOf(notes, 3)
    assert.deepEqual(notes.map((n) => n.severity), ['warning', 'critical', 'critical'])
    assert.equal(notes[0].title['zh-CN'], '每日文章数：配额已使用 80%')
    assert.equal(notes[2].title.en, 'Articles per day: quota used up')
    assert.deepEqual(day1.map((a) => Number(a.notification_id)), notes.map((n) => Number(n.id)))

    // the next day is a new period: 80 % fires again, once
    await consumeAt(c.id, 'articles_per_day', 17, '2026-05-02T08:00:00Z')
    await consumeAt(c.id, 'articles_per_day', 1, '2026-05-02T08:30:00Z')
    const all = await alerts(c.id)
    assert.deepEqual(all.filter((a) => new Date(a.period_start).toISOString() === '2026-05-02T00:00:00.000Z').map((a) => a.threshold), [80])
    assert.lengthOf(await db.from('notifications').where({ customer_id: c.id, kind: 'quota_threshold' }), 4)
  })

  test('bad input is a 4xx and writes nothing', async ({ assert }) => {
    const c = await createCustomer()
    await holdPlan(c.id, await planWithQuotas([{ feature: 'video_generations', limit: 10, period: 'daily' }]))
    const good = { customer: c.id, feature: 'video_generations', amount: 1, request_id: requestId() }
    const bad: Array<[Record<string, unknown>, number]> = [
      [{ ...good, amount: 0 }, 422],
      [{ ...good, amount: -2 }, 422],
      [{ ...good, amount: 1.5 }, 422],
      [{ ...good, feature: 'Video Generations!' }, 422],
      [{ ...good, request_id: '' }, 422],
      [{ ...good, request_id: 'x'.repeat(129) }, 422],
      [{ ...good, customer: 'abc' }, 422],
      [{ ...good, customer: 999_999_999 }, 422],
      [{ ...good, extra: true }, 422],
      [{ customer: c.id, feature: 'video_generations' }, 422],
    ]
    for (const [body, status] of bad) {
      const reply = await consume(body)
      assert.equal(reply.status, status, JSON.stringify(body))
      assert.isString(reply.body.message)
    }
    const { Agent } = await import('#tests/support/agent')
    const service = { 'authorization': `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}`, 'content-type': 'application/json' }
    assert.equal((await new Agent().request('POST', '/api/internal/quota/consume', '{"customer":', service)).status, 400)
    assert.equal((await check(`customer=${c.id}&feature=video_generations&amount=0`)).status, 422)
    assert.equal((await check(`customer=${c.id}&feature=video_generations&nope=1`)).status, 422)
    const unauthorised = await new Agent().request('POST', '/api/internal/quota/consume', good)
    assert.equal(unauthorised.status, 401)
    assert.lengthOf(await db.from('quota_consumptions').where('customer_id', c.id), 0)
    assert.lengthOf(await counters(c.id), 0)
  })

  test('a credited order of a plan with quotas activates the plan once; a plan without quotas activates nothing', async ({ assert }) => {
    const c = await createCustomer()
    const plan = await planWithQuotas([{ feature: 'video_generations', limit: 30, period: 'monthly' }], 'Bought plan')
    const order = await createOrder(c.id, { status: 'PAID', plan_id: plan })
    await transaction((trx) => creditOrder(trx, order, SYSTEM_ACTOR))
    await transaction((trx) => creditOrder(trx, order, SYSTEM_ACTOR)) // a second credit path run (webhook + sync)
    const held = await db.from('customer_plans').where('customer_id', c.id)
    assert.lengthOf(held, 1)
    assert.include(held[0], { source: 'order', status: 'active' })
    assert.equal(Number(held[0].order_id), Number(order.id))
    assert.include((await check(`customer=${c.id}&feature=video_generations&amount=30`)).body, { ok: true, limit: 30 })
    assert.lengthOf(await db.from('notifications').where({ customer_id: c.id, kind: 'plan_granted' }), 1)

    const bare = await planWithQuotas([])
    const other = await createCustomer()
    const order2 = await createOrder(other.id, { status: 'PAID', plan_id: bare })
    await transaction((trx) => creditOrder(trx, order2, SYSTEM_ACTOR))
    assert.lengthOf(await db.from('customer_plans').where('customer_id', other.id), 0)
  })
})
