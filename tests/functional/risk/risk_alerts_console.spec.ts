/**
 * The console's risk alerts and rules: the list with labels (customer email, key name and prefix,
 * model code) and filters, acknowledge, lock the key (verify answers LOCKED; the key's own audit
 * row and mail), freeze the customer, resolve — each audited — and who may do what; risk rule
 * edits, audited, with bad values refused and nothing written.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { staffAgent } from '#tests/support/agents'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer, createStaff } from '#tests/support/fixtures'
import { fundCash } from '#tests/support/ledger'
import { outbox } from '#services/mail_outbox'
import { runAnomalyDetection } from '#services/risk/anomaly_job'
import { verify } from '../usage/keys_fixtures.js'
import { NOW, WINDOW_START, alertsOf, apiKey, history, model, rollup } from './risk_fixtures.js'

/** A customer whose key spiked: 168 usual hours of 1.00 / 10 requests, then 60.00 in the window → a spend alert for the key and the customer. */
async function spikedKey() {
  const customer = await createCustomer()
  await fundCash(customer.id, '10')
  const key = await apiKey(customer.id)
  const m = await model()
  await rollup(history(168, { customer: customer.id, key: key.id, model: m.id, requests: 10, charged: 1_000_000 }))
  await rollup([{ at: WINDOW_START, customer: customer.id, key: key.id, model: m.id, requests: 30, charged: 60_000_000 }])
  await runAnomalyDetection(NOW)
  const alerts = await alertsOf(customer.id)
  const keyAlert = alerts.find((a) => a.subject_type === 'api_key')!
  const customerAlert = alerts.find((a) => a.subject_type === 'customer')!
  return { customer, key, model: m, keyAlert, customerAlert, alerts }
}

const act = (agent: Agent, id: number | string, action: string, body: Record<string, unknown> = {}) => agent.post(`/api/admin/risk-alerts/${id}/actions/${action}`, body)

test.group('Risk alerts / console', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.each.setup(() => outbox.clear())

  test('the list shows labels, not ids, and filters by kind, status, subject, customer and date', async ({ assert }) => {
    const { customer, key, model: m, keyAlert, alerts } = await spikedKey()
    assert.lengthOf(alerts, 2)
    const { agent } = await staffAgent('operations')

    const list = await agent.get(`/api/admin/risk-alerts?customer_id=${customer.id}&subject_type=api_key&kind=spend_spike&status=open`)
    assert.equal(list.status, 200, list.text)
    assert.equal(list.headers.get('x-total-count'), '1')
    const [row] = list.body
    assert.include(row, { id: Number(keyAlert.id), kind: 'spend_spike', status: 'open', key_prefix: key.prefix, observed_spend: '60.000000', baseline_spend: '1.000000', factor: '5.0000', lockable: true, freezable: true })
    assert.deepInclude(row._labels, { customer_id: customer.email, api_key_id: key.name, top_model_id: m.code })

    const dated = await agent.get(`/api/admin/risk-alerts?customer_id=${customer.id}&created_at_gte=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`)
    assert.equal(dated.headers.get('x-total-count'), '2')
    const none = await agent.get(`/api/admin/risk-alerts?customer_id=${customer.id}&created_at_lte=2020-01-01`)
    assert.equal(none.headers.get('x-total-count'), '0')
    const resolved = await agent.get(`/api/admin/risk-alerts?customer_id=${customer.id}&status=resolved`)
    assert.equal(resolved.headers.get('x-total-count'), '0')
    assert.equal((await agent.get('/api/admin/risk-alerts?kind=nonsense')).status, 400)
    assert.equal((await agent.get('/api/admin/risk-alerts?observed_spend_like=1')).status, 400)

    const csv = await agent.get(`/api/admin/risk-alerts/export?customer_id=${customer.id}&_lang=zh-CN`)
    assert.equal(csv.status, 200)
    assert.include(csv.text, '消费突增')
    assert.include(csv.text, customer.email)
  })

  test('acknowledge with a note, then resolve with a note: each audited; a resolved alert takes no more steps', async ({ assert }) => {
    const { customerAlert } = await spikedKey()
    const { staff, agent } = await staffAgent('operations')

    const ack = await act(agent, customerAlert.id, 'acknowledge', { note: 'Looking into it' })
    assert.equal(ack.status, 200, ack.text)
    let row = await db.from('risk_alerts').where('id', customerAlert.id).first()
    assert.include(row, { status: 'acknowledged', note: 'Looking into it', acknowledged_by: String(staff.id) })
    const [ackLog] = await auditRows({ resource: 'risk-alerts', action: 'acknowledge', record_id: String(customerAlert.id) })
    assert.include(ackLog, { actor_type: 'staff', actor_id: String(staff.id) })
    assert.deepInclude(ackLog.changes, { before: { status: 'open', note: null, acknowledged_by: null, acknowledged_at: null }, after: { status: 'acknowledged', note: 'Looking into it', acknowledged_by: staff.id, acknowledged_at: row.acknowledged_at.toISOString() } })
    assert.equal((await act(agent, customerAlert.id, 'acknowledge', {})).status, 409)

    const noNote = await act(agent, customerAlert.id, 'resolve', {})
    assert.equal(noNote.status, 422, noNote.text)
    assert.equal((await act(agent, customerAlert.id, 'resolve', { note: '  ' })).status, 422)
    const resolved = await act(agent, customerAlert.id, 'resolve', { note: 'A planned batch job, confirmed with the customer' })
    assert.equal(resolved.status, 200, resolved.text)
    row = await db.from('risk_alerts').where('id', customerAlert.id).first()
    assert.include(row, { status: 'resolved', resolution_note: 'A planned batch job, confirmed with the customer', resolved_by: String(staff.id) })
    assert.lengthOf(await auditRows({ resource: 'risk-alerts', action: 'resolve', record_id: String(customerAlert.id) }), 1)

    for (const [action, body] of [['resolve', { note: 'again' }], ['freeze_customer', { reason: 'too late' }], ['acknowledge', {}]] as const) {
      assert.equal((await act(agent, customerAlert.id, action, body)).status, 409, action)
    }
    assert.isFalse((await db.from('customers').where('id', row.customer_id).first()).frozen)
  })

  test('lock the key: verify answers LOCKED, the owner is emailed, audited on the alert and on the key', async ({ assert }) => {
    const { customer, keyAlert, customerAlert, key } = await spikedKey()
    const call = () => verify({ key: key.secret, model: 'any', ip: '127.0.0.1' })
    assert.isTrue((await call()).body.ok)
    const { staff, agent } = await staffAgent('operations')

    assert.equal((await act(agent, keyAlert.id, 'lock_key', {})).status, 422) // a reason is required
    assert.equal((await act(agent, customerAlert.id, 'lock_key', { reason: 'Spike' })).status, 400) // a customer's alert names no key
    const locked = await act(agent, keyAlert.id, 'lock_key', { reason: 'Spend 60× its usual hour' })
    assert.equal(locked.status, 200, locked.text)
    assert.equal((await call()).body.code, 'LOCKED')
    assert.include(await db.from('api_keys').where('id', key.id).first(), { status: 'locked', locked_reason: 'Spend 60× its usual hour' })
    assert.include(await db.from('risk_alerts').where('id', keyAlert.id).first(), { action_taken: 'locked_key', action_taken_by: String(staff.id), status: 'acknowledged', acknowledged_by: String(staff.id) })

    const [keyLog] = await auditRows({ resource: 'api-keys', action: 'leak_lock', record_id: String(key.id) })
    assert.include(keyLog, { actor_id: String(staff.id), reason: 'Spend 60× its usual hour' })
    assert.deepInclude(keyLog.changes.after, { status: 'locked', locked_reason: 'Spend 60× its usual hour' })
    assert.equal(keyLog.metadata.riskAlertId, Number(keyAlert.id))
    assert.notInclude(JSON.stringify(keyLog), 'secret_hash')
    const [alertLog] = await auditRows({ resource: 'risk-alerts', action: 'lock_key', record_id: String(keyAlert.id) })
    assert.include(alertLog, { actor_id: String(staff.id), reason: 'Spend 60× its usual hour' })
    assert.include(alertLog.changes.after, { action_taken: 'locked_key' })

    let mail
    for (let i = 0; i < 100 && !mail; i++) {
      mail = outbox.to(customer.email).find((m) => /was locked/.test(m.subject))
      if (!mail) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    assert.exists(mail)
    // already locked: the leak lock's own refusal, nothing more written
    assert.equal((await act(agent, keyAlert.id, 'lock_key', { reason: 'again' })).status, 400)
    assert.lengthOf(await auditRows({ resource: 'api-keys', action: 'leak_lock', record_id: String(key.id) }), 1)
  })

  test('freeze the customer: frozen, sessions end, audited on the alert and on the customer', async ({ assert }) => {
    const { customer, keyAlert } = await spikedKey()
    const portal = await new Agent().loginCustomer(customer.email)
    assert.equal((await portal.get('/api/portal/auth/me')).status, 200)
    const { staff, agent } = await staffAgent('operations')

    const frozen = await act(agent, keyAlert.id, 'freeze_customer', { reason: 'Runaway spend, card disputes' })
    assert.equal(frozen.status, 200, frozen.text)
    assert.include(await db.from('customers').where('id', customer.id).first(), { frozen: true, frozen_reason: 'Runaway spend, card disputes' })
    assert.equal((await portal.get('/api/portal/auth/me')).status, 401)
    assert.include(await db.from('risk_alerts').where('id', keyAlert.id).first(), { action_taken: 'froze_customer', action_taken_by: String(staff.id) })
    const [userLog] = await auditRows({ resource: 'users', action: 'freeze', record_id: String(customer.id) })
    assert.include(userLog, { actor_id: String(staff.id), reason: 'Runaway spend, card disputes' })
    assert.deepInclude(userLog.changes, { before: { frozen: false, frozen_reason: null, frozen_at: null } })
    assert.equal(userLog.metadata.riskAlertId, Number(keyAlert.id))
    assert.lengthOf(await auditRows({ resource: 'risk-alerts', action: 'freeze_customer', record_id: String(keyAlert.id) }), 1)
    // already frozen: the freeze's own refusal
    assert.equal((await act(agent, keyAlert.id, 'freeze_customer', { reason: 'again' })).status, 400)
  })

  test('permissions: without the grant 403 (audited); lock and freeze also need the key’s and the customer’s own permission', async ({ assert }) => {
    const { keyAlert, key, customer } = await spikedKey()
    const { agent: support } = await staffAgent('support')
    assert.equal((await support.get(`/api/admin/risk-alerts?customer_id=${customer.id}`)).status, 200)
    assert.equal((await act(support, keyAlert.id, 'acknowledge', {})).status, 403)
    assert.equal((await support.get('/api/admin/risk-rules')).status, 403)
    const { agent: finance } = await staffAgent('finance')
    assert.equal((await act(finance, keyAlert.id, 'lock_key', { reason: 'Spike' })).status, 403)
    assert.equal((await finance.patch('/api/admin/risk-rules/spend_spike', { factor: '3' })).status, 403)
    assert.isAbove((await db.from('audit_logs').where({ action: 'access.denied', resource: 'risk-alerts' })).length, 0)

    // a role that may act on alerts but not lock keys or freeze customers
    const [role] = await db.table('roles').insert({ name: `risk-desk-${Date.now()}`, label: 'Risk desk' }).returning('id')
    await db.table('role_permissions').multiInsert(['view', 'acknowledge', 'lock_key', 'freeze_customer'].map((action) => ({ role_id: role.id, resource: 'risk-alerts', action })))
    const desk = await createStaff('support', { role_id: role.id })
    const agent = await new Agent().loginStaff(desk.email)
    assert.equal((await act(agent, keyAlert.id, 'lock_key', { reason: 'Spike' })).status, 403)
    assert.equal((await act(agent, keyAlert.id, 'freeze_customer', { reason: 'Spike' })).status, 403)
    assert.equal((await db.from('api_keys').where('id', key.id).first()).status, 'enabled')
    assert.isFalse((await db.from('customers').where('id', customer.id).first()).frozen)
    assert.equal((await act(agent, keyAlert.id, 'acknowledge', {})).status, 200)
  })

  test('bad input is a 4xx and writes nothing', async ({ assert }) => {
    const { keyAlert } = await spikedKey()
    const { agent } = await staffAgent('operations')
    assert.equal((await act(agent, 999999999, 'acknowledge', {})).status, 404)
    assert.equal((await act(agent, 'abc', 'acknowledge', {})).status, 400)
    assert.equal((await act(agent, keyAlert.id, 'acknowledge', { note: 5 })).status, 422)
    assert.equal((await act(agent, keyAlert.id, 'acknowledge', { status: 'resolved' })).status, 422)
    assert.equal((await act(agent, keyAlert.id, 'acknowledge', { note: 'x'.repeat(1001) })).status, 422)
    assert.equal((await act(agent, keyAlert.id, 'nonsense', {})).status, 404)
    assert.equal((await agent.post('/api/admin/risk-alerts', { kind: 'spend_spike' })).status, 404)
    assert.equal((await agent.patch(`/api/admin/risk-alerts/${keyAlert.id}`, { status: 'resolved' })).status, 404)
    assert.include(await db.from('risk_alerts').where('id', keyAlert.id).first(), { status: 'open', note: null })
    assert.lengthOf(await auditRows({ resource: 'risk-alerts', record_id: String(keyAlert.id), actor_type: 'staff' }), 0)
  })
})

test.group('Risk rules / console', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('operations edit a rule: written exactly, audited with before and after', async ({ assert }) => {
    const { staff, agent } = await staffAgent('operations')
    const list = await agent.get('/api/admin/risk-rules')
    assert.equal(list.status, 200, list.text)
    assert.deepEqual(
      list.body.map((r: any) => [r.kind, r.enabled, r.window_minutes, r.baseline_hours, r.factor, r.minimum_spend, r.minimum_requests]),
      [
        ['monthly_cap_exceeded', true, null, null, null, null, null],
        ['request_spike', true, 60, 168, '5.0000', null, 300],
        ['spend_spike', true, 60, 168, '5.0000', '10.000000', null],
      ]
    )
    // the form posts the whole record back
    const edited = await agent.patch('/api/admin/risk-rules/spend_spike', { ...list.body[2], factor: '3.25', window_minutes: 120, minimum_spend: '25.5' })
    assert.equal(edited.status, 200, edited.text)
    const row = await db.from('risk_rules').where('kind', 'spend_spike').first()
    assert.include(row, { factor: '3.2500', window_minutes: 120, minimum_spend: '25500000', updated_by: String(staff.id) })
    const [log] = await auditRows({ resource: 'risk-rules', action: 'update', record_id: 'spend_spike' })
    assert.include(log.changes.before, { factor: '5.0000', window_minutes: 60, minimum_spend: '10.000000', updated_by: null })
    assert.include(log.changes.after, { factor: '3.2500', window_minutes: 120, minimum_spend: '25.500000', updated_by: staff.id })
    assert.notProperty(log.changes.after, 'baseline_hours') // unchanged fields are not in the row

    const off = await agent.patch('/api/admin/risk-rules/monthly_cap_exceeded', { enabled: false })
    assert.equal(off.status, 200, off.text)
    assert.isFalse((await db.from('risk_rules').where('kind', 'monthly_cap_exceeded').first()).enabled)
  })

  test('bad rule values are 422s naming the field, and nothing is written', async ({ assert }) => {
    const { agent } = await staffAgent('operations')
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['spend_spike', { factor: '1' }, 'factor'],
      ['spend_spike', { factor: '0.5' }, 'factor'],
      ['spend_spike', { factor: '1e3' }, 'factor'],
      ['spend_spike', { factor: '2.12345' }, 'factor'],
      ['spend_spike', { factor: 5 }, 'factor'],
      ['spend_spike', { factor: null }, 'factor'],
      ['spend_spike', { window_minutes: 90 }, 'window_minutes'],
      ['spend_spike', { window_minutes: 1500 }, 'window_minutes'],
      ['spend_spike', { baseline_hours: 12 }, 'baseline_hours'],
      ['spend_spike', { baseline_hours: 3000 }, 'baseline_hours'],
      ['spend_spike', { minimum_spend: '-1' }, 'minimum_spend'],
      ['spend_spike', { minimum_spend: 'ten' }, 'minimum_spend'],
      ['spend_spike', { minimum_requests: 10 }, 'minimum_requests'],
      ['request_spike', { minimum_requests: 2.5 }, 'minimum_requests'],
      ['request_spike', { minimum_spend: '1' }, 'minimum_spend'],
      ['monthly_cap_exceeded', { factor: '2' }, 'factor'],
      ['monthly_cap_exceeded', { window_minutes: 60 }, 'window_minutes'],
      ['spend_spike', { kind: 'request_spike' }, 'kind'],
      ['spend_spike', { enabled: 'yes' }, 'enabled'],
    ]
    const before = await db.from('risk_rules').orderBy('kind')
    for (const [kind, body, field] of cases) {
      const reply = await agent.patch(`/api/admin/risk-rules/${kind}`, body)
      assert.equal(reply.status, 422, `${kind} ${JSON.stringify(body)}: ${reply.text}`)
      assert.include(reply.body.errors.map((e: any) => e.field), field, JSON.stringify(body))
    }
    assert.equal((await agent.patch('/api/admin/risk-rules/nonsense', { enabled: false })).status, 404)
    assert.deepEqual(await db.from('risk_rules').orderBy('kind'), before)
    assert.lengthOf(await auditRows({ resource: 'risk-rules' }), 0)
  })
})
