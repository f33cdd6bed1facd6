/**
 * Payment events and manual steps racing for real (QUALITY.md scenarios 1, 3 and 22): committed
 * rows, parallel HTTP requests and database connections, no global transaction. The orders,
 * events and customers created are removed afterwards; ledger rows are append-only and stay,
 * which the invariant checker covers like any other.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { createCustomer, removeCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds, balances } from '#tests/support/ledger'
import { deliver, StripeStandin } from '#tests/support/stripe_standin'
import { ensureDemoPlans } from '#services/plans/demo_plans'
import { rechargeKey } from '#services/orders/credit_order'
import { staffAgent } from '#tests/support/agents'

const standin = new StripeStandin()

test.group('Stripe under concurrency', (group) => {
  const customers: number[] = []
  group.setup(async () => {
    await standin.start()
    await ensureDemoPlans()
  })
  group.teardown(async () => {
    await standin.stop()
    await removeCustomers(customers)
  })

  async function checkout() {
    const plan = await db.from('plans').where('code', 'starter').first()
    const customer = await createCustomer()
    customers.push(customer.id)
    const agent = await new Agent().loginCustomer(customer.email)
    const reply = await agent.post('/api/portal/orders', { plan_id: Number(plan.id) })
    if (reply.status !== 201) throw new Error(`checkout failed: ${reply.status} ${reply.text}`)
    const order = await db.from('orders').where('number', reply.body.order.number).first()
    return { customer, order, plan, session: standin.sessions.get(order.channel_order_id)! }
  }

  test('the same event delivered 10× at once: credited once, processed once, ten attempts', async ({ assert }) => {
    const { customer, order, plan, session } = await checkout()
    const completed = standin.events('checkout_card_paid', standin.pay(session.id))[3]
    const replies = await Promise.all(Array.from({ length: 10 }, () => deliver(standin, completed)))
    assert.deepEqual(replies.map((r) => r.status), Array(10).fill(200))
    assert.lengthOf(replies.filter((r) => r.body.duplicate === false), 1)
    assert.lengthOf(replies.filter((r) => r.body.duplicate === true), 9)
    const stored = await db.from('payment_events').where('event_id', completed.id)
    assert.lengthOf(stored, 1)
    assert.include(stored[0], { status: 'processed', attempts: 10 })
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', rechargeKey(order.id)), 1)
    assert.equal((await balances(customer.id)).cash, BigInt(plan.grant_amount))
    assert.lengthOf(await db.from('audit_logs').where({ resource: 'orders', record_id: String(order.id), action: 'stripe.checkout.session.completed' }), 1)
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('a whole card payment, every event twice, all at once and shuffled: one credit', async ({ assert }) => {
    const { customer, order, plan, session } = await checkout()
    const events = standin.events('checkout_card_paid', standin.pay(session.id))
    const deliveries = [...events, ...events].sort(() => Math.random() - 0.5)
    const replies = await Promise.all(deliveries.map((event) => deliver(standin, event)))
    assert.isTrue(replies.every((r) => r.status === 200), replies.map((r) => r.text).join('\n'))
    assert.equal((await db.from('orders').where('id', order.id).first()).status, 'PAID')
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', rechargeKey(order.id)), 1)
    assert.equal((await balances(customer.id)).cash, BigInt(plan.grant_amount))
    const stored = await db.from('payment_events').whereIn('event_id', events.map((e) => e.id))
    assert.lengthOf(stored, 5)
    assert.isTrue(stored.every((e) => e.attempts === 2))
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('ten different events for one paid session at once: no 500, no deadlock, credited once, refund taken back once', async ({ assert }) => {
    const { customer, order, plan, session } = await checkout()
    const ids = standin.pay(session.id)
    const paid = standin.events('checkout_card_paid', ids)
    const refund = standin.refund(session.id, 300)
    const refunded = standin.events('charge_refunded', { ...refund, fully_refunded: false })
    const updated = standin.events('charge_refund_updated', { ...refund, refund_status: 'succeeded', failure_reason: null, refund_metadata: {} })
    const disputed = standin.events('charge_dispute_created', { ...ids, dispute_id: `dp_test_ten${order.id}`, disputed_amount: 200 })
    const events = [...paid, ...refunded, ...updated, ...disputed]
    assert.lengthOf(new Set(events.map((e) => e.type)), 10)

    const deadlocks = async () => {
      // a backend reports its counters when it goes idle (at most every 10 s): wait them out
      await new Promise((resolve) => setTimeout(resolve, 11_000))
      await db.rawQuery('SELECT pg_stat_clear_snapshot()')
      return Number((await db.rawQuery('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()')).rows[0].deadlocks)
    }
    const before = await deadlocks()
    const replies = await Promise.all(events.sort(() => Math.random() - 0.5).map((event) => deliver(standin, event)))
    assert.deepEqual(replies.map((r) => r.status), Array(10).fill(200), replies.map((r) => r.text).join('\n'))
    assert.equal(await deadlocks(), before, 'events about one order queue on its row lock instead of deadlocking')

    const row = await db.from('orders').where('id', order.id).first()
    assert.include(row, { status: 'PARTIALLY_REFUNDED', refunded_amount: '300', locked: true })
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', rechargeKey(order.id)), 1)
    const taken = await db.from('ledger_transactions').where('idempotency_key', `provider_refund:${refund.refund_id}`)
    assert.lengthOf(taken, 1)
    const share = (BigInt(plan.grant_amount) * 300n) / 990n
    assert.equal(taken[0].amount, String(share))
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', `dispute:hold:dp_test_ten${order.id}`), 1)
    const held = (BigInt(plan.grant_amount) * 200n) / 990n
    assert.equal((await balances(customer.id)).cash, BigInt(plan.grant_amount) - share - held)
    assert.isTrue((await db.from('payment_events').whereIn('event_id', events.map((e) => e.id))).every((e) => e.status !== 'failed'))
    await assertLedgerHolds(assert)
  }).timeout(90_000)

  test('webhooks, syncs and back-fills racing on one order: one credit', async ({ assert }) => {
    const { customer, order, plan, session } = await checkout()
    const completed = standin.events('checkout_card_paid', standin.pay(session.id))[3]
    const ops = await (await staffAgent('operations')).agent
    const finance = await (await staffAgent('finance')).agent
    const replies = await Promise.all([
      ...Array.from({ length: 4 }, () => deliver(standin, completed)),
      ...Array.from({ length: 4 }, () => ops.post(`/api/admin/orders/${order.id}/actions/sync`, {})),
      ...Array.from({ length: 4 }, () => finance.post(`/api/admin/orders/${order.id}/actions/backfill`, { reason: 'racing the webhook' })),
    ])
    assert.isTrue(replies.slice(0, 8).every((r) => r.status === 200), replies.map((r) => `${r.status} ${r.text}`).join('\n'))
    assert.isTrue(replies.slice(8).every((r) => r.status === 409 || r.status === 200))
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', rechargeKey(order.id)), 1)
    assert.equal((await balances(customer.id)).cash, BigInt(plan.grant_amount))
    await assertLedgerHolds(assert)
  }).timeout(60_000)

  test('second approvals and one bank reference racing: one payment, one credit', async ({ assert }) => {
    const customer = await createCustomer()
    customers.push(customer.id)
    const ops = await (await staffAgent('operations')).agent
    const big = (await ops.post('/api/admin/orders', { customer_id: customer.id, channel: 'bank_transfer', amount: '2000.00', currency: 'USD', grant_amount: '2000' })).body
    const other = (await ops.post('/api/admin/orders', { customer_id: customer.id, channel: 'bank_transfer', amount: '2000.00', currency: 'USD', grant_amount: '2000' })).body
    const approvers = await Promise.all(Array.from({ length: 3 }, async () => (await staffAgent('finance')).agent))
    assert.equal((await approvers[0].post(`/api/admin/orders/${big.id}/actions/confirm`, { reference: 'RACE-REF' })).status, 200)
    assert.equal((await approvers[0].post(`/api/admin/orders/${other.id}/actions/confirm`, { reference: 'RACE-REF' })).status, 200)
    const replies = await Promise.all([
      approvers[1].post(`/api/admin/orders/${big.id}/actions/confirm`, { reference: 'RACE-REF' }),
      approvers[2].post(`/api/admin/orders/${big.id}/actions/confirm`, { reference: 'RACE-REF' }),
      approvers[1].post(`/api/admin/orders/${other.id}/actions/confirm`, { reference: 'RACE-REF' }),
      approvers[2].post(`/api/admin/orders/${other.id}/actions/confirm`, { reference: 'RACE-REF' }),
    ])
    assert.lengthOf(replies.filter((r) => r.status === 200), 1, replies.map((r) => `${r.status} ${r.text}`).join('\n'))
    assert.isTrue(replies.filter((r) => r.status !== 200).every((r) => r.status === 409))
    const paid = await db.from('orders').whereIn('id', [big.id, other.id]).where('status', 'PAID')
    assert.lengthOf(paid, 1)
    assert.equal((await balances(customer.id)).cash, 2000_000000n)
    await assertLedgerHolds(assert)
  }).timeout(60_000)
})
