/**
 * The demo spike (database/seeders/demo_risk.ts) over a short demo usage window: billed through
 * ingestion (the hourly rollups follow), the anomaly check raises the spend and request spikes of
 * the key and of its customer, the customer does not fall into arrears, the ledger holds, and a
 * second check raises nothing.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds } from '#tests/support/ledger'
import { seedDemoUsage } from '#database/seeders/demo_usage'
import { seedDemoRiskSpike } from '#database/seeders/demo_risk'
import { runAnomalyDetection } from '#services/risk/anomaly_job'

const TIERS = ['enterprise', 'enterprise', 'pro', 'pro', 'pro', 'basic', 'basic', 'free', 'free', 'free']

test.group('Risk / demo spike', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('the seeded spike raises spend and request alerts for the key and its customer, once', async ({ assert }) => {
    await createCustomers(TIERS.length, (i) => ({ tier: TIERS[i], type: TIERS[i] === 'enterprise' ? 'organization' : 'individual' }))
    await seedDemoUsage({ days: 8 })
    const spike = await seedDemoRiskSpike()
    assert.exists(spike)
    assert.isAtLeast(spike!.billed, 400)

    const alerts = await db.from('risk_alerts').where('customer_id', spike!.customerId).orderBy('id')
    const seen = alerts.map((a) => `${a.kind}:${a.subject_type}`).sort()
    assert.includeMembers(seen, ['request_spike:api_key', 'request_spike:customer', 'spend_spike:api_key', 'spend_spike:customer'])
    const keySpend = alerts.find((a) => a.kind === 'spend_spike' && a.subject_type === 'api_key')!
    assert.equal(Number(keySpend.api_key_id), spike!.keyId)
    assert.isTrue(BigInt(keySpend.observed) >= 15_000_000n, `observed ${keySpend.observed}`)
    const gpt4o = await db.from('usage_models').where('code', 'gpt-4o').first()
    assert.equal(Number(keySpend.top_model_id), Number(gpt4o.id))

    const arrears = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: spike!.customerId, code: 'arrears' }).first()
    assert.equal(BigInt(arrears?.balance ?? 0), 0n)
    await assertLedgerHolds(assert)
    await runAnomalyDetection()
    assert.lengthOf(await db.from('risk_alerts').where('customer_id', spike!.customerId), alerts.length)
  })
})
