/**
 * Money the payment provider takes back on its own side (QUALITY.md scenario 22) and outside
 * idempotency keys (scenario 23): refunds made in Stripe's dashboard take their credit back in
 * the same transaction as the event, spent credit becomes arrears (never a negative balance),
 * arrears are settled first by the next recharge and block charges until then, a refund that
 * later fails gives the credit back, a lost dispute settles from its hold, reconciliation
 * reports and repairs what was missed, and future-dated webhook signatures are refused. The
 * ledger invariants are checked after every money test.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, units } from '#tests/support/ledger'
import { deliver, deliverAll } from '#tests/support/stripe_standin'
import { StripeRefundsStandin } from '#tests/support/stripe_refunds_standin'
import { ensureDemoPlans } from '#services/plans/demo_plans'
import { rechargeKey } from '#services/orders/credit_order'
import chargeCustomer from '#actions/ledger/charge_customer'
import { runUseCase } from '#tests/support/use_cases'
import { runReconciliation } from '#services/reconciliation/reconcile'
import { SYSTEM_ACTOR } from '#services/audit'
import { staffAgent } from '#tests/support/agents'

const standin = new StripeRefundsStandin()
const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }
const internalCharge = (body: Record<string, unknown>) => new Agent().request('POST', '/api/internal/charges', body, service)

/** A customer who has started buying a plan: the order and its session at the stand-in. */
async function checkout(code = 'starter', customerId?: number) {
  await ensureDemoPlans()
  const plan = await db.from('plans').where('code', code).first()
  const customer = customerId ? await db.from('customers').where('id', customerId).first() : await createCustomer()
  const agent = await new Agent().loginCustomer(customer.email)
  const reply = await agent.post('/api/portal/orders', { plan_id: Number(plan.id) })
  if (reply.status !== 201) throw new Error(`checkout failed: ${reply.status} ${reply.text}`)
  const order = await db.from('orders').where('number', reply.body.order.number).first()
  return { customer, agent, plan, order, session: standin.sessions.get(order.channel_order_id)! }
}

/** The customer pays at Stripe and the payment's events arrive. */
async function pay(sessionId: string) {
  const ids = standin.pay(sessionId)
  await deliverAll(standin, standin.events('checkout_card_paid', ids))
  return ids
}

/** A refund made in Stripe's dashboard: Stripe sends charge.refunded (and refund.created). */
function dashboardRefund(sessionId: string, amount: number) {
  const ids = standin.refund(sessionId, amount)
  return { ids, events: standin.events('charge_refunded', { ...ids, fully_refunded: ids.amount_refunded >= ids.amount }) }
}

async function spend(customerId: number, amount: string) {
  return runUseCase(chargeCustomer, { customerId, amount: units(amount), idempotencyKey: `spend:${customerId}:${amount}:${Math.random()}` })
}

/** Cash and what is owed (arrears), in ledger units; cash must never be negative. */
async function wallet(customerId: number) {
  const b = await balances(customerId)
  const arrears = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customerId, code: 'arrears' }).first()
  return { cash: b.cash, owed: arrears ? -BigInt(arrears.balance) : 0n }
}

const orderRow = (id: number | string) => db.from('orders').where('id', id).first()
const ledgerOf = async (orderId: number | string) =>
  (await db.from('ledger_transactions').where({ reference_type: 'order', reference_id: String(orderId) }).orderBy('id')).map((t) => `${t.type}:${t.amount}`)

test.group('Provider refunds and arrears', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(() => standin.stop())
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a refund made at Stripe takes the unspent credit back from cash (provider_refund), once per refund', async ({ assert }) => {
    const { order, session, customer, plan } = await checkout()
    await pay(session.id)
    assert.equal((await wallet(customer.id)).cash, BigInt(plan.grant_amount))

    const { ids, events } = dashboardRefund(session.id, 990)
    const [refunded, created] = events
    const reply = await deliver(standin, refunded)
    assert.equal(reply.status, 200, reply.text)
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: 0n })
    assert.include(await orderRow(order.id), { status: 'REFUNDED', refunded_amount: '990' })
    assert.deepEqual(await ledgerOf(order.id), [`recharge:${plan.grant_amount}`, `provider_refund:${plan.grant_amount}`])
    const tx = await db.from('ledger_transactions').where('idempotency_key', `provider_refund:${ids.refund_id}`).first()
    assert.include(tx, { type: 'provider_refund', customer_id: String(customer.id), amount: String(plan.grant_amount) })
    const row = await db.from('provider_refunds').where('provider_refund_id', ids.refund_id).first()
    assert.include(row, { order_id: String(order.id), amount: '990', status: 'succeeded', taken_units: String(plan.grant_amount), take_transaction_id: tx.id })
    const [audit] = await auditRows({ resource: 'orders', record_id: String(order.id), action: 'stripe.charge.refunded' })
    assert.match(JSON.stringify(audit.metadata.notes), /taken back/)

    // the same event again, and refund.created naming the same refund: nothing more is taken
    assert.deepInclude((await deliver(standin, refunded)).body, { duplicate: true })
    assert.equal((await deliver(standin, created)).status, 200)
    assert.lengthOf(await db.from('ledger_transactions').where({ type: 'provider_refund', reference_id: String(order.id) }), 1)
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: 0n })
    await assertLedgerHolds(assert)
  })

  test('spent credit becomes arrears: cash goes to 0, never below, and the portal and console show what is owed', async ({ assert }) => {
    const { order, session, customer, agent } = await checkout()
    await pay(session.id)
    await spend(customer.id, '7.00')
    await deliverAll(standin, dashboardRefund(session.id, 990).events)
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: units('7.00') })
    const cash = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: customer.id, code: 'cash' }).first()
    assert.equal(cash.balance, '0')
    const [taken] = await db.from('ledger_transactions').where({ type: 'provider_refund', reference_id: String(order.id) })
    const entries = await db.from('ledger_entries').join('ledger_accounts', 'ledger_accounts.id', 'ledger_entries.account_id').where('transaction_id', taken.id).select('code', 'amount')
    assert.sameDeepMembers(
      entries.filter((e) => e.code !== 'refunds'),
      [
        { code: 'cash', amount: String(-units('2.90')) },
        { code: 'arrears', amount: String(-units('7.00')) },
      ]
    )

    const shown = await agent.get('/api/portal/wallet')
    assert.equal(shown.status, 200)
    assert.include(shown.body, { cash: '0.000000', arrears: '7.000000' })
    const staff = await (await staffAgent('finance')).agent
    const accounts = await staff.get(`/api/admin/accounts?owner_id=${customer.id}&code=arrears`)
    assert.equal(accounts.status, 200, accounts.text)
    assert.equal(accounts.body[0].balance, '-7.000000')
    const meta = await staff.get('/api/admin/meta')
    const types = meta.body.resources.find((r: any) => r.name === 'ledger-transactions').fields.find((f: any) => f.name === 'type').options.map((o: any) => o.value)
    assert.includeMembers(types, ['provider_refund', 'provider_refund_restore', 'dispute_loss', 'arrears_settlement'])
    await assertLedgerHolds(assert)
  })

  test('partial refunds take a proportional share, rounded down, telescoped so the whole refund takes the whole grant', async ({ assert }) => {
    const { order, session, customer } = await checkout()
    // a grant that 990 does not divide: 10.000000 for 9.90
    await db.from('orders').where('id', order.id).update({ grant_amount: '10000000' })
    await pay(session.id)
    const taken: string[] = []
    for (const cents of [100, 100, 790]) {
      const { ids, events } = dashboardRefund(session.id, cents)
      await deliver(standin, events[0])
      taken.push((await db.from('ledger_transactions').where('idempotency_key', `provider_refund:${ids.refund_id}`).first()).amount)
    }
    // ⌊10e6·100/990⌋ = 1010101; ⌊10e6·200/990⌋ − 1010101 = 1010101; 10e6 − 2020202 = 7979798
    assert.deepEqual(taken, ['1010101', '1010101', '7979798'])
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: 0n })
    assert.include(await orderRow(order.id), { status: 'REFUNDED', refunded_amount: '990' })
    await assertLedgerHolds(assert)
  })

  test('refund before payment ends as in order: the credit is taken back when it arrives (scenario 4)', async ({ assert }) => {
    const runs = [await checkout(), await checkout()]
    for (const run of runs) {
      const ids = standin.pay(run.session.id)
      const payment = standin.events('checkout_card_paid', ids)
      const { events: refund } = dashboardRefund(run.session.id, 300)
      await deliverAll(standin, run === runs[0] ? [...payment, ...refund] : [...refund, ...payment])
    }
    const state = async (run: (typeof runs)[number]) => ({
      status: (await orderRow(run.order.id)).status,
      ledger: await ledgerOf(run.order.id),
      wallet: await wallet(run.customer.id),
    })
    const a = await state(runs[0])
    assert.deepEqual(await state(runs[1]), a)
    assert.equal(a.status, 'PARTIALLY_REFUNDED')
    assert.deepEqual(a.ledger, [`recharge:${runs[0].plan.grant_amount}`, `provider_refund:${units('3.00')}`])
    assert.deepEqual(a.wallet, { cash: units('6.90'), owed: 0n })
    await assertLedgerHolds(assert)
  })

  test('charge.refund.updated: a refund that fails afterwards gives back exactly what was taken, arrears first, once', async ({ assert }) => {
    const { order, session, customer } = await checkout()
    await pay(session.id)
    await spend(customer.id, '7.00')
    const { ids, events } = dashboardRefund(session.id, 990)
    await deliverAll(standin, events)
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: units('7.00') })

    const failed = standin.failRefund(ids.refund_id)
    const [updated] = standin.events('charge_refund_updated', { ...ids, refund_status: 'failed', failure_reason: failed.failure_reason, refund_metadata: {} })
    assert.equal((await deliver(standin, updated)).status, 200)
    assert.deepEqual(await wallet(customer.id), { cash: units('2.90'), owed: 0n })
    const restore = await db.from('ledger_transactions').where('idempotency_key', `provider_refund:${ids.refund_id}:restore`).first()
    assert.include(restore, { type: 'provider_refund_restore', amount: String(units('9.90')) })
    assert.include(await orderRow(order.id), { status: 'PAID', refunded_amount: '0' })

    // redelivered, and the same news as a new event: nothing more
    await deliver(standin, updated)
    const [again] = standin.events('charge_refund_updated', { ...ids, refund_status: 'failed', failure_reason: 'x', refund_metadata: {} })
    await deliver(standin, again)
    assert.lengthOf(await db.from('ledger_transactions').where({ type: 'provider_refund_restore', reference_id: String(order.id) }), 1)
    assert.deepEqual(await wallet(customer.id), { cash: units('2.90'), owed: 0n })
    await assertLedgerHolds(assert)
  })

  test('a pending provider refund takes the credit back; when it later succeeds nothing more moves', async ({ assert }) => {
    const { session, customer } = await checkout()
    await pay(session.id)
    const ids = standin.refund(session.id, 990, { status: 'pending' })
    const [pending] = standin.events('charge_refund_updated', { ...ids, refund_status: 'pending', failure_reason: null, refund_metadata: {} })
    await deliver(standin, pending)
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: 0n })
    const [succeeded] = standin.events('charge_refund_updated', { ...ids, refund_status: 'succeeded', failure_reason: null, refund_metadata: {} })
    await deliver(standin, succeeded)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', 'like', `provider_refund:${ids.refund_id}%`), 1)
    await assertLedgerHolds(assert)
  })

  test('arrears are settled first by the next recharge, in the same transaction; charges are refused (402) until then', async ({ assert }) => {
    const first = await checkout()
    await pay(first.session.id)
    await spend(first.customer.id, '7.00')
    await deliverAll(standin, dashboardRefund(first.session.id, 990).events)
    assert.deepEqual(await wallet(first.customer.id), { cash: 0n, owed: units('7.00') })

    const refused = await internalCharge({ customer_id: first.customer.id, amount: '0.50', idempotency_key: `in-arrears-${first.customer.id}` })
    assert.equal(refused.status, 402, refused.text)
    assert.match(refused.body.message, /owes 7\.000000/)
    assert.lengthOf(await db.from('ledger_transactions').where({ customer_id: first.customer.id, type: 'usage_charge' }), 1, 'only the spend before the refund')

    const second = await checkout('starter', first.customer.id)
    await pay(second.session.id)
    assert.deepEqual(await wallet(first.customer.id), { cash: units('2.90'), owed: 0n })
    const recharge = await db.from('ledger_transactions').where('idempotency_key', rechargeKey(second.order.id)).first()
    const settlement = await db.from('ledger_transactions').where('idempotency_key', `arrears:settle:order:${second.order.id}`).first()
    assert.include(settlement, { type: 'arrears_settlement', amount: String(units('7.00')) })
    assert.equal(Number(settlement.id), Number(recharge.id) + 1, 'posted right after the recharge, in its transaction')

    const allowed = await internalCharge({ customer_id: first.customer.id, amount: '0.50', idempotency_key: `in-arrears-${first.customer.id}` })
    assert.equal(allowed.status, 201, allowed.text)
    await assertLedgerHolds(assert)
  })

  test('a lost dispute settles from its hold; what the hold could not cover becomes arrears; a won one still releases', async ({ assert }) => {
    const { order, session, customer, plan } = await checkout()
    const ids = await pay(session.id)
    await spend(customer.id, '5.00')
    const vars = { ...ids, dispute_id: `dp_test_lost${order.id}`, disputed_amount: 990 }
    await deliverAll(standin, standin.events('charge_dispute_created', vars))
    assert.equal((await orderRow(order.id)).frozen_amount, String(units('4.90')))
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: 0n })

    const lost = standin.events('charge_dispute_lost', vars)
    await deliverAll(standin, lost)
    const loss = await db.from('ledger_transactions').where('idempotency_key', `dispute:lost:dp_test_lost${order.id}`).first()
    assert.include(loss, { type: 'dispute_loss', amount: String(plan.grant_amount) })
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: units('5.00') })
    assert.include(await orderRow(order.id), { dispute_status: 'lost', frozen_amount: '0' })
    await deliver(standin, lost[0])
    const [again] = standin.events('charge_dispute_lost', vars)
    await deliver(standin, again)
    assert.lengthOf(await db.from('ledger_transactions').where({ type: 'dispute_loss', reference_id: String(order.id) }), 1)
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: units('5.00') })

    const won = await checkout()
    const wonIds = await pay(won.session.id)
    const wonVars = { ...wonIds, dispute_id: `dp_test_won${won.order.id}`, disputed_amount: 990 }
    await deliverAll(standin, [...standin.events('charge_dispute_created', wonVars), ...standin.events('charge_dispute_won', wonVars)])
    assert.deepEqual(await wallet(won.customer.id), { cash: BigInt(won.plan.grant_amount), owed: 0n })
    await assertLedgerHolds(assert)
  })

  test('reconciliation reports a provider refund whose credit was not taken back; the repair takes it once (scenario 20, 22)', async ({ assert }) => {
    const { order, session, customer } = await checkout()
    await pay(session.id)
    await spend(customer.id, '4.00')
    // what an earlier version left behind: the refund recorded on the order, the credit not taken back
    standin.refund(session.id, 990)
    await db.from('orders').where('id', order.id).update({ refunded_amount: 990, status: 'REFUNDED' })

    const { findings } = await runReconciliation('console', SYSTEM_ACTOR)
    const found = findings.find((f) => f.kind === 'provider_refund_not_taken' && f.subject_id === String(order.id))
    assert.exists(found)
    assert.equal(found!.safe, false)
    assert.include(found!.detail, { not_taken_back: '990' })

    const finance = await (await staffAgent('finance')).agent
    const support = await (await staffAgent('support')).agent
    assert.equal((await support.post(`/api/admin/reconciliation-findings/${found!.id}/actions/repair`, {})).status, 403)
    const repaired = await finance.post(`/api/admin/reconciliation-findings/${found!.id}/actions/repair`, {})
    assert.equal(repaired.status, 200, repaired.text)
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: units('4.00') })
    const [audit] = await auditRows({ resource: 'reconciliation-findings', record_id: String(found!.id), action: 'repair' })
    assert.exists(audit)

    const again = await finance.post(`/api/admin/reconciliation-findings/${found!.id}/actions/repair`, {})
    assert.equal(again.status, 200)
    const second = await runReconciliation('console', SYSTEM_ACTOR)
    assert.notExists(second.findings.find((f) => f.kind === 'provider_refund_not_taken' && f.subject_id === String(order.id)))
    assert.lengthOf(await db.from('ledger_transactions').where({ type: 'provider_refund', reference_id: String(order.id) }), 1)
    assert.deepEqual(await wallet(customer.id), { cash: 0n, owed: units('4.00') })
    await assertLedgerHolds(assert)
  })
})

test.group('Outside idempotency keys and webhook timestamps', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(() => standin.stop())
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a charge sent with an internal key (recharge:order:<id>) cannot block that recharge; it stays idempotent (scenario 23)', async ({ assert }) => {
    const { order, session, customer, plan } = await checkout()
    const other = await createCustomer()
    await (await import('#tests/support/ledger')).fundCash(other.id, '5')
    const key = rechargeKey(order.id)
    const first = await internalCharge({ customer_id: other.id, amount: '1.00', idempotency_key: key })
    assert.equal(first.status, 201, first.text)
    assert.equal(first.body.idempotency_key, key, 'the reply echoes the caller’s key')
    const replay = await internalCharge({ customer_id: other.id, amount: '1.00', idempotency_key: key })
    assert.equal(replay.status, 200)
    assert.equal(replay.headers.get('idempotency-replayed'), 'true')
    assert.equal(replay.body.transaction.id, first.body.transaction.id)
    assert.equal(replay.body.idempotency_key, key)

    await pay(session.id)
    const recharge = await db.from('ledger_transactions').where('idempotency_key', key)
    assert.lengthOf(recharge, 1)
    assert.include(recharge[0], { type: 'recharge', customer_id: String(customer.id) })
    assert.equal((await balances(customer.id)).cash, BigInt(plan.grant_amount))
    assert.equal((await orderRow(order.id)).paid_transaction_id, recharge[0].id)
    assert.equal((await balances(other.id)).cash, units('4'))
    await assertLedgerHolds(assert)
  })

  test('a webhook signature dated in the future (beyond the clock skew) is refused: 400, nothing written, audited', async ({ assert }) => {
    const { order, session } = await checkout()
    const completed = standin.events('checkout_card_paid', standin.pay(session.id))[3]
    const before = (await auditRows({ action: 'webhook.rejected' })).length
    const reply = await deliver(standin, completed, { timestamp: Math.floor(Date.now() / 1000) + 301 })
    assert.equal(reply.status, 400, reply.text)
    assert.equal(reply.body.message, 'Webhook signature verification failed')
    const ahead = await deliver(standin, completed, { timestamp: Math.floor(Date.now() / 1000) + 120 })
    assert.equal(ahead.status, 400)
    assert.lengthOf(await db.from('payment_events').where('event_id', completed.id), 0)
    assert.include(await orderRow(order.id), { status: 'PENDING', paid_transaction_id: null })
    const rejected = await auditRows({ action: 'webhook.rejected' })
    assert.lengthOf(rejected, before + 2)
    assert.match(rejected.at(-1).metadata.why, /future/)

    const skewed = await deliver(standin, completed, { timestamp: Math.floor(Date.now() / 1000) + 10 })
    assert.equal(skewed.status, 200, 'a few seconds of clock skew is tolerated')
    assert.equal((await orderRow(order.id)).status, 'PAID')
    await assertLedgerHolds(assert)
  })
})
