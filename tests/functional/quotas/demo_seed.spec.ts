/**
 * The demo quotas (database/seeders/demo_quotas.ts): two demo plans carry quotas as a new
 * version, one demo customer holds a plan with a quota above 80 % used, so its portal shows the
 * alert. Run twice, it changes nothing more.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { ensureDemoPlans } from '#services/plans/demo_plans'
import { portalQuotas } from '#services/quotas/portal'
import { DEMO_QUOTAS, seedDemoQuotas } from '#database/seeders/demo_quotas'
import { createCustomer } from '#tests/support/fixtures'
import { planWithQuotas } from '#tests/support/quotas'

test.group('Demo quotas', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('plans get quotas, one customer is above 80 % with its alert; a second run adds nothing', async ({ assert }) => {
    await createCustomer()
    await db.transaction((trx) => ensureDemoPlans(trx)) // an empty catalog gets the demo plans
    for (const code of ['starter', 'standard']) {
      // a catalog that already had other plans (earlier suites) gets the two the seed looks for
      if (!(await db.from('plans').where('code', code).first())) await planWithQuotas([], code, code)
    }
    const seeded = await seedDemoQuotas()
    assert.isNotNull(seeded)
    for (const code of ['starter', 'standard']) {
      const plan = await db.from('plans').where('code', code).first()
      assert.deepEqual(plan.quotas, DEMO_QUOTAS[code])
      const version = await db.from('plan_versions').where({ plan_id: plan.id, version: plan.version }).first()
      assert.deepEqual(version.quotas, DEMO_QUOTAS[code])
    }
    const view = await portalQuotas(db.connection(), seeded!.customerId)
    const video = view.quotas.find((q) => q.feature === 'video_generations')!
    assert.include(video, { used: 52, limit: 60, remaining: 8, period: 'monthly' })
    assert.deepEqual(view.alerts.map((a) => [a.feature, a.threshold]), [['video_generations', 80]])
    assert.lengthOf(await db.from('notifications').where({ customer_id: seeded!.customerId, kind: 'quota_threshold' }), 1)

    assert.isNull(await seedDemoQuotas())
    assert.equal(Number((await db.from('quota_counters').where({ customer_id: seeded!.customerId, feature: 'video_generations' }).first()).used), 52)
  })
})
