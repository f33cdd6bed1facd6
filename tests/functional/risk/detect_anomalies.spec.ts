/**
 * The anomaly job (backend/actions/risk/detect_anomalies.ts) on rollup rows written by hand:
 * exact observed / baseline / threshold figures, the factor and minimum boundaries, subjects
 * without history, keys over their monthly cap, reruns, rules switched off, and the audit row of
 * each alert raised.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createCustomer } from '#tests/support/fixtures'
import jobs from '#services/jobs'
import { runAnomalyDetection } from '#services/risk/anomaly_job'
import { NOW, WINDOW_START, alertsOf, apiKey, history, model, rollup, setRule } from './risk_fixtures.js'

const USD = (n: number) => BigInt(Math.round(n * 1_000_000))

test.group('Risk / anomaly detection', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a seeded spend spike raises exactly one alert, with exact observed, baseline and threshold, audited as the system', async ({ assert }) => {
    const customer = await createCustomer()
    const [k1, k2] = [await apiKey(customer.id), await apiKey(customer.id)]
    const [m1, m2] = [await model(), await model()]
    // 100 of the 168 baseline hours at 1.234567 through k1: the average hour is 123.4567 × 60 / 10080
    await rollup(history(100, { customer: customer.id, key: k1.id, model: m1.id, requests: 5, charged: 1_234_567 }))
    // the window: 2.00 through k1, 9.00 through k2 (a key with no history)
    await rollup([
      { at: WINDOW_START, customer: customer.id, key: k1.id, model: m1.id, requests: 20, charged: USD(2) },
      { at: WINDOW_START, customer: customer.id, key: k2.id, model: m2.id, requests: 30, charged: USD(9) },
    ])

    const { raised } = await runAnomalyDetection(NOW)
    const alerts = await alertsOf(customer.id)
    // the customer: 11.00 ≥ 10.00 (minimum) and ≥ 5 × 0.734861; k1: 2.00 < minimum; k2: no history, 9.00 < 5 × 10.00
    assert.lengthOf(alerts, 1)
    const [alert] = alerts
    assert.include(alert, {
      kind: 'spend_spike',
      subject_type: 'customer',
      api_key_id: null,
      observed: '11000000',
      baseline: '734861.309524',
      threshold: '10000000.000000',
      factor: '5.0000',
      window_minutes: 60,
      baseline_hours: 168,
      status: 'open',
    })
    assert.equal(Number(alert.top_model_id), m2.id)
    assert.equal(alert.window_start.toISOString(), '2026-06-15T10:00:00.000Z')
    assert.equal(alert.window_end.toISOString(), '2026-06-15T11:00:00.000Z')
    assert.deepInclude(raised, { id: Number(alert.id), kind: 'spend_spike', subject_type: 'customer', subject_id: customer.id })

    const logs = await db.from('audit_logs').where({ resource: 'risk-alerts', action: 'raise', record_id: String(alert.id) })
    assert.lengthOf(logs, 1)
    assert.include(logs[0], { actor_type: 'system', actor_label: 'usage-anomalies' })
    assert.include(logs[0].changes.after, { kind: 'spend_spike', observed: '11000000', baseline: '734861.309524' })
  })

  test('below the factor nothing; exactly the factor × baseline alarms', async ({ assert }) => {
    const m = await model()
    const below = await createCustomer()
    const at = await createCustomer()
    for (const [customer, window] of [[below, 24_999_999], [at, 25_000_000]] as const) {
      // 5.00 every baseline hour → an average window of 5.00; the factor 5 → 25.00
      await rollup(history(168, { customer: customer.id, model: m.id, charged: USD(5) }))
      await rollup([{ at: WINDOW_START, customer: customer.id, model: m.id, charged: window }])
    }
    await runAnomalyDetection(NOW)
    assert.lengthOf(await alertsOf(below.id), 0)
    const [alert, ...more] = await alertsOf(at.id)
    assert.lengthOf(more, 0)
    assert.include(alert, { kind: 'spend_spike', observed: '25000000', baseline: '5000000.000000', threshold: '25000000.000000' })
  })

  test('below the minimum nothing, whatever the ratio; without history the minimum × factor is needed', async ({ assert }) => {
    const m = await model()
    const small = await createCustomer()
    const fresh = await createCustomer()
    const freshAbove = await createCustomer()
    await rollup(history(168, { customer: small.id, model: m.id, charged: USD(0.1) }))
    await rollup([
      { at: WINDOW_START, customer: small.id, model: m.id, charged: USD(9.99) }, // 99.9 × its usual hour, under 10.00
      { at: WINDOW_START, customer: fresh.id, model: m.id, charged: USD(49.99) }, // no history: under 5 × 10.00
      { at: WINDOW_START, customer: freshAbove.id, model: m.id, charged: USD(50) },
    ])
    await runAnomalyDetection(NOW)
    assert.lengthOf(await alertsOf(small.id), 0)
    assert.lengthOf(await alertsOf(fresh.id), 0)
    const [alert] = await alertsOf(freshAbove.id)
    assert.include(alert, { kind: 'spend_spike', observed: '50000000', baseline: '0.000000', threshold: '50000000.000000' })

    // the minimum is the rule's: lowered, the small customer alarms too
    await setRule('spend_spike', { minimum_spend: USD(9).toString() })
    await runAnomalyDetection(NOW)
    assert.include((await alertsOf(small.id))[0], { observed: '9990000', baseline: '100000.000000', threshold: '9000000.000000' })
  })

  test('a request spike of a key raises one alert for the key and one for its customer', async ({ assert }) => {
    const customer = await createCustomer()
    const key = await apiKey(customer.id)
    const m = await model()
    await rollup(history(168, { customer: customer.id, key: key.id, model: m.id, requests: 20, charged: 0 }))
    await rollup([{ at: WINDOW_START, customer: customer.id, key: key.id, model: m.id, requests: 400, charged: 0 }])
    await runAnomalyDetection(NOW)
    const alerts = await alertsOf(customer.id)
    assert.deepEqual(
      alerts.map((a) => [a.kind, a.subject_type, a.api_key_id === null ? null : Number(a.api_key_id), a.observed, a.baseline, a.threshold]),
      [
        ['request_spike', 'customer', null, '400', '20.000000', '300.000000'],
        ['request_spike', 'api_key', key.id, '400', '20.000000', '300.000000'],
      ]
    )
  })

  test('a rerun raises nothing new, even after the alert is resolved; a subject with an unresolved alert gets no second one', async ({ assert }) => {
    const customer = await createCustomer()
    const m = await model()
    await rollup([{ at: WINDOW_START, customer: customer.id, model: m.id, charged: USD(80) }])
    assert.lengthOf((await runAnomalyDetection(NOW)).raised, 1)
    assert.lengthOf((await runAnomalyDetection(NOW)).raised, 0)
    assert.lengthOf((await runAnomalyDetection(new Date(NOW.getTime() + 30 * 60_000))).raised, 0)
    assert.lengthOf(await alertsOf(customer.id), 1)

    // next hour, still spiking, the first alert still open: the same story, no new alert
    const next = new Date(WINDOW_START.getTime() + 3_600_000)
    await rollup([{ at: next, customer: customer.id, model: m.id, charged: USD(90) }])
    assert.lengthOf((await runAnomalyDetection(new Date(next.getTime() + 60_000))).raised, 0)

    // resolved: the same window is never raised twice; the next window can be
    await db.from('risk_alerts').where('customer_id', customer.id).update({ status: 'resolved', resolved_at: new Date() })
    assert.lengthOf((await runAnomalyDetection(NOW)).raised, 0)
    const later = await runAnomalyDetection(new Date(next.getTime() + 60_000))
    assert.lengthOf(later.raised, 1)
    assert.lengthOf(await alertsOf(customer.id), 2)
    assert.lengthOf(await db.from('audit_logs').where({ resource: 'risk-alerts', action: 'raise' }).whereIn('record_id', (await alertsOf(customer.id)).map((a) => String(a.id))), 2)
  })

  test('a key over its monthly cap raises one alert per month; at the cap, or last month, nothing', async ({ assert }) => {
    const customer = await createCustomer()
    const over = await apiKey(customer.id)
    const atCap = await apiKey(customer.id)
    const m = await model()
    await db.from('api_keys').whereIn('id', [over.id, atCap.id]).update({ monthly_spend_cap: USD(5).toString() })
    await db.table('api_key_spend').multiInsert([
      { api_key_id: over.id, day: '2026-05-31', amount: USD(50).toString() }, // last month: not counted
      { api_key_id: over.id, day: '2026-06-01', amount: USD(3).toString() },
      { api_key_id: over.id, day: '2026-06-15', amount: USD(2.5).toString() },
      { api_key_id: atCap.id, day: '2026-06-10', amount: USD(5).toString() },
    ])
    await rollup([{ at: new Date('2026-06-02T08:00:00Z'), customer: customer.id, key: over.id, model: m.id, charged: USD(3) }])

    await runAnomalyDetection(NOW)
    await runAnomalyDetection(new Date('2026-06-28T23:59:00Z'))
    const alerts = await alertsOf(customer.id)
    assert.lengthOf(alerts, 1)
    assert.include(alerts[0], { kind: 'monthly_cap_exceeded', subject_type: 'api_key', observed: '5500000', baseline: '5000000.000000', threshold: '5000000.000000', factor: null })
    assert.equal(Number(alerts[0].api_key_id), over.id)
    assert.equal(Number(alerts[0].top_model_id), m.id)
    assert.equal(alerts[0].window_start.toISOString(), '2026-06-01T00:00:00.000Z')
    assert.equal(alerts[0].window_end.toISOString(), '2026-07-01T00:00:00.000Z')
  })

  test('a rule switched off raises nothing; the job is declared and runs', async ({ assert }) => {
    const customer = await createCustomer()
    const m = await model()
    await rollup([{ at: WINDOW_START, customer: customer.id, model: m.id, requests: 5000, charged: USD(500) }])
    await setRule('spend_spike', { enabled: false })
    await setRule('request_spike', { enabled: false })
    await runAnomalyDetection(NOW)
    assert.lengthOf(await alertsOf(customer.id), 0)
    await setRule('request_spike', { enabled: true })
    await runAnomalyDetection(NOW)
    assert.deepEqual((await alertsOf(customer.id)).map((a) => a.kind), ['request_spike'])
    await jobs.run('usage-anomalies')
  })
})
