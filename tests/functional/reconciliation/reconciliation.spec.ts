/**
 * Reconciliation and monitoring (payment-credit-repair.md, QUALITY.md scenario 20): each finding
 * kind seeded on purpose, found by diagnose, repaired through the console / the admin API /
 * the monitor, and a second diagnose + repair changes nothing. The alert webhook is a local
 * node:http receiver. The ledger invariants are checked after every test.
 *
 * Committed rows, no global transaction: a console run or repair works on other connections
 * than the action's own transaction, as in production. Every test repairs what it seeded (the
 * ledger is append-only, so seeded drift must be corrected, never rolled back).
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { driftBalance } from '#tests/support/owner'
import { Agent } from '#tests/support/agent'
import { committedCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, fundCash, units } from '#tests/support/ledger'
import { StripeStandin } from '#tests/support/stripe_standin'
import { creditOrder, rechargeKey } from '#services/orders/credit_order'
import { SYSTEM_ACTOR } from '#services/audit'
import { reconciliationSettings } from '#services/reconciliation/settings'
import { runMonitor, weeklySummary } from '#services/reconciliation/monitor'
import { staffAgent } from '#tests/support/agents'

const standin = new StripeStandin()
const hex = () => randomBytes(8).toString('hex')

const committed = committedCustomers()
const removeCommitted = () => committed.removeCommitted()
const committedCustomer = () => committed.create()

async function insertOrder(values: Record<string, unknown>) {
  const [order] = await db
    .table('orders')
    .insert({ channel: 'bank_transfer', currency: 'USD', amount: 2000, grant_amount: '20000000', ...values })
    .returning('*')
  return order
}

/** One subject per finding kind. */
async function seedEveryKind() {
  const customer = await committedCustomer()
  // orphan_payment: paid, never credited
  const orphan = await insertOrder({ customer_id: customer.id, status: 'PAID', paid_at: new Date() })
  // recharge_without_order: credited, then the order ended up cancelled
  const cancelled = await insertOrder({ customer_id: customer.id, status: 'PENDING' })
  await db.transaction((trx) => creditOrder(trx, cancelled, SYSTEM_ACTOR))
  await db.from('orders').where('id', cancelled.id).update({ status: 'CANCELLED', cancelled_at: new Date() })
  const rechargeTx = await db.from('ledger_transactions').where('idempotency_key', rechargeKey(cancelled.id)).first()
  // balance_mismatch: a balance written outside the ledger (only the owner role can, guard off)
  const drifted = await committedCustomer()
  await fundCash(drifted.id, '10')
  const driftAccount = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: drifted.id, code: 'cash' }).first()
  await driftBalance(driftAccount.id, 5000000n)
  // stuck_pending: past its expiry, nobody acted
  const stuck = await insertOrder({ customer_id: customer.id, status: 'PENDING', expires_at: new Date(Date.now() - 3600_000) })
  // failed_event: processing failed once
  const eventId = `evt_test_${hex()}`
  const [event] = await db
    .table('payment_events')
    .insert({ provider: 'stripe', event_id: eventId, type: 'customer.created', payload: JSON.stringify({ id: eventId, object: 'event', type: 'customer.created', created: 1, livemode: false, data: { object: { id: 'cus_x', object: 'customer' } } }), status: 'failed', error: 'boom' })
    .returning('*')
  // stripe_mismatch: paid at Stripe, pending here (the webhook never came)
  const sessionId = `cs_test_${hex()}`
  const intentId = `pi_test_${hex()}`
  const chargeId = `ch_test_${hex()}`
  const stripeOrder = await insertOrder({ customer_id: customer.id, channel: 'stripe', status: 'PENDING', channel_order_id: sessionId, expires_at: new Date(Date.now() + 3600_000) })
  standin.sessions.set(sessionId, {
    id: sessionId, object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: 2000, currency: 'usd',
    client_reference_id: stripeOrder.number, metadata: { order_id: String(stripeOrder.id) }, payment_intent: intentId, created: 1, livemode: false,
  })
  standin.intents.set(intentId, { id: intentId, object: 'payment_intent', amount: 2000, currency: 'usd', status: 'succeeded', latest_charge: chargeId, metadata: {}, created: 1 })
  standin.charges.set(chargeId, { id: chargeId, object: 'charge', amount: 2000, amount_refunded: 0, currency: 'usd', payment_intent: intentId, refunded: false, created: 1 })
  return {
    customer,
    drifted,
    prints: {
      orphan: `orphan_payment:order:${orphan.id}`,
      recharge: `recharge_without_order:ledger_transaction:${rechargeTx.id}`,
      drift: `balance_mismatch:account:${driftAccount.id}`,
      stuck: `stuck_pending:order:${stuck.id}`,
      event: `failed_event:payment_event:${event.id}`,
      stripe: `stripe_mismatch:order:${stripeOrder.id}`,
    },
    ids: { orphan: orphan.id, cancelled: cancelled.id, rechargeTx: rechargeTx.id, driftAccount: driftAccount.id, stuck: stuck.id, event: event.id, stripeOrder: stripeOrder.id },
  }
}

/** Repairs whatever of `seeded` is still open (through the same repair path as the console). */
async function repairAllOf(seeded: Awaited<ReturnType<typeof seedEveryKind>>) {
  const { runReconciliation, repairFinding } = await import('#services/reconciliation/reconcile')
  const { findings } = await runReconciliation('command', SYSTEM_ACTOR)
  for (const f of findings.filter((x: any) => Object.values(seeded.prints).includes(x.fingerprint))) await repairFinding(f.id, SYSTEM_ACTOR)
}

async function ledgerCount() {
  return Number((await db.from('ledger_transactions').count('* as n').first()).n)
}

test.group('Reconciliation / diagnose and repair every kind (console)', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(async () => {
    await standin.stop()
    await removeCommitted()
  })

  test('each seeded kind is found, repaired once, and a second diagnose + repair changes nothing', async ({ assert }) => {
    const seeded = await seedEveryKind()
    const finance = await (await staffAgent('finance')).agent
    const auditor = await (await staffAgent('auditor')).agent
    assert.equal((await auditor.post('/api/admin/reconciliation-runs/actions/run', {})).status, 403)

    const run = await finance.post('/api/admin/reconciliation-runs/actions/run', {})
    assert.equal(run.status, 200, run.text)
    const runId = run.body.result.run_id
    const findings = await db.from('reconciliation_findings').where('run_id', runId)
    const ours = Object.values(seeded.prints)
    assert.includeMembers(findings.map((f) => f.fingerprint), ours)

    for (const print of ours) {
      const f = findings.find((x) => x.fingerprint === print)!
      const reply = await finance.post(`/api/admin/reconciliation-findings/${f.id}/actions/repair`, {})
      assert.equal(reply.status, 200, `${print}: ${reply.text}`)
      assert.equal((await db.from('reconciliation_findings').where('id', f.id).first()).status, 'REPAIRED')
    }

    // what each repair did
    const orphan = await db.from('orders').where('id', seeded.ids.orphan).first()
    assert.isNotNull(orphan.paid_transaction_id)
    assert.equal((await db.from('ledger_transactions').where('id', orphan.paid_transaction_id).first()).idempotency_key, rechargeKey(orphan.id))
    assert.exists(await db.from('ledger_transactions').where('reverses_transaction_id', seeded.ids.rechargeTx).first())
    const correction = await db.from('ledger_transactions').where({ type: 'correction', reference_type: 'account', reference_id: String(seeded.ids.driftAccount) })
    assert.lengthOf(correction, 1)
    assert.equal((await balances(seeded.drifted.id)).cash, units('15'))
    assert.equal((await db.from('orders').where('id', seeded.ids.stuck).first()).status, 'CANCELLED')
    assert.equal((await db.from('payment_events').where('id', seeded.ids.event).first()).status, 'ignored')
    const synced = await db.from('orders').where('id', seeded.ids.stripeOrder).first()
    assert.equal(synced.status, 'PAID')
    assert.isNotNull(synced.paid_transaction_id)
    await assertLedgerHolds(assert)

    // second time: nothing of ours is found, repairing the old findings again changes nothing
    const before = await ledgerCount()
    const again = await finance.post('/api/admin/reconciliation-runs/actions/run', {})
    const second = await db.from('reconciliation_findings').where('run_id', again.body.result.run_id)
    assert.notIncludeMembers(second.map((f) => f.fingerprint), ours)
    for (const f of findings.filter((x) => ours.includes(x.fingerprint))) {
      const reply = await finance.post(`/api/admin/reconciliation-findings/${f.id}/actions/repair`, {})
      assert.equal(reply.status, 200)
      assert.include(reply.body.message, 'already repaired')
    }
    assert.equal(await ledgerCount(), before)
    await assertLedgerHolds(assert)
  })

  test('an orphan on a locked order is reported as needing finance and its repair is refused until unlocked', async ({ assert }) => {
    const customer = await committedCustomer()
    const order = await insertOrder({ customer_id: customer.id, status: 'PAID', paid_at: new Date(), locked: true, lock_reason: 'Amount mismatch' })
    const finance = await (await staffAgent('finance')).agent
    const run = await finance.post('/api/admin/reconciliation-runs/actions/run', {})
    const f = await db.from('reconciliation_findings').where({ run_id: run.body.result.run_id, fingerprint: `orphan_payment:order:${order.id}` }).first()
    assert.isFalse(f.safe)
    const reply = await finance.post(`/api/admin/reconciliation-findings/${f.id}/actions/repair`, {})
    assert.equal(reply.status, 409, reply.text)
    assert.equal((await balances(customer.id)).cash, 0n)
    await db.from('orders').where('id', order.id).delete()
    await assertLedgerHolds(assert)
  })
})

test.group('Reconciliation / admin API (X-Admin-Api-Key)', (group) => {
  group.setup(async () => {
    await standin.start()
    reconciliationSettings.adminApiKey = 'test-admin-key-0123456789'
  })
  group.teardown(async () => {
    reconciliationSettings.adminApiKey = null
    await standin.stop()
    await removeCommitted()
  })

  const call = (body: unknown, key?: string) =>
    fetch(`${Agent.base()}/api/internal/fix-credits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key !== undefined ? { 'x-admin-api-key': key } : {}) },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))

  test('no key or a wrong key is refused (and audited); a staff session is not enough', async ({ assert }) => {
    assert.equal((await call({ action: 'diagnose' })).status, 401)
    assert.equal((await call({ action: 'diagnose' }, 'wrong')).status, 401)
    const admin = await (await staffAgent('super_admin')).agent
    assert.equal((await admin.post('/api/internal/fix-credits', { action: 'diagnose' })).status, 401)
    const denied = await db.from('audit_logs').where({ action: 'access.denied', resource: 'reconciliation-findings' })
    assert.isAtLeast(denied.length, 3)
    assert.equal((await call({ action: 'nope' }, reconciliationSettings.adminApiKey!)).status, 422)
    assert.equal((await call({ action: 'fix_specific_recharge' }, reconciliationSettings.adminApiKey!)).status, 422)
  })

  test('diagnose, fix_specific_recharge, recalculate_balance, fix_orphaned_recharges — twice changes nothing', async ({ assert }) => {
    const key = reconciliationSettings.adminApiKey!
    const seeded = await seedEveryKind()
    const diagnosed = await call({ action: 'diagnose' }, key)
    assert.equal(diagnosed.status, 200)
    assert.includeMembers(diagnosed.body.findings.map((f: any) => f.fingerprint), Object.values(seeded.prints))

    const fixed = await call({ action: 'fix_specific_recharge', order_id: Number(seeded.ids.orphan) }, key)
    assert.equal(fixed.status, 200, JSON.stringify(fixed.body))
    assert.isTrue(fixed.body.done)
    const fixedAgain = await call({ action: 'fix_specific_recharge', order_id: Number(seeded.ids.orphan) }, key)
    assert.isFalse(fixedAgain.body.done)

    const recalc = await call({ action: 'recalculate_balance', customer_id: seeded.drifted.id }, key)
    assert.equal(recalc.status, 200, JSON.stringify(recalc.body))
    assert.isTrue(recalc.body.accounts.some((a: any) => a.done))
    const recalcAgain = await call({ action: 'recalculate_balance', customer_id: seeded.drifted.id }, key)
    assert.isFalse(recalcAgain.body.accounts.some((a: any) => a.done))
    assert.equal((await balances(seeded.drifted.id)).cash, units('15'))

    const before = await ledgerCount()
    const orphans = await call({ action: 'fix_orphaned_recharges' }, key)
    assert.equal(orphans.status, 200)
    assert.notInclude(orphans.body.repaired.map((r: any) => r.fingerprint), seeded.prints.orphan)
    assert.equal(await ledgerCount(), before)
    const rest = await call({ action: 'repair_safe' }, key)
    assert.equal(rest.status, 200)
    await repairAllOf(seeded)
    await assertLedgerHolds(assert)
  })
})

test.group('Reconciliation / monitor and alerts', (group) => {
  let server: http.Server
  const received: any[] = []
  group.setup(async () => {
    await standin.start()
    server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        received.push(JSON.parse(body))
        res.writeHead(200).end('ok')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    reconciliationSettings.alertWebhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  })
  group.teardown(async () => {
    reconciliationSettings.alertWebhookUrl = null
    reconciliationSettings.autoRepair = false
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await standin.stop()
    await removeCommitted()
  })

  test('auto-repairs the safe kinds, alerts the rest once, re-alerts only after it came back; weekly summary posts', async ({ assert }) => {
    reconciliationSettings.autoRepair = true
    const seeded = await seedEveryKind()
    received.length = 0
    const first = await runMonitor()
    assert.isAtLeast(first.alerted, 2)
    assert.lengthOf(received, 1)
    assert.isString(received[0].text)
    assert.isArray(received[0].blocks)
    // safe kinds were repaired, so only the two that need finance are alerted
    assert.include(received[0].text, `balance_mismatch account ${seeded.ids.driftAccount}`)
    assert.include(received[0].text, `recharge_without_order ledger_transaction ${seeded.ids.rechargeTx}`)
    assert.notInclude(received[0].text, `stuck_pending order ${seeded.ids.stuck}`)
    assert.equal((await db.from('orders').where('id', seeded.ids.stuck).first()).status, 'CANCELLED')
    assert.isNotNull((await db.from('orders').where('id', seeded.ids.orphan).first()).paid_transaction_id)
    assert.equal((await db.from('orders').where('id', seeded.ids.stripeOrder).first()).status, 'PAID')

    const second = await runMonitor()
    assert.equal(second.alerted, 0)
    assert.lengthOf(received, 1)
    assert.lengthOf(second.repaired.filter((r: any) => r.done), 0)

    const summary = await weeklySummary()
    assert.lengthOf(received, 2)
    assert.include(received[1].text, 'weekly reconciliation summary')
    assert.include(summary, 'balance_mismatch')
    reconciliationSettings.autoRepair = false
    // finance corrects what needed a decision; the next monitor run resolves those alerts
    await repairAllOf(seeded)
    await runMonitor()
    assert.lengthOf(received, 2)
    assert.isNotNull((await db.from('monitor_alerts').where('fingerprint', seeded.prints.drift).first()).resolved_at)
    await assertLedgerHolds(assert)
  })
})
