/**
 * Payment events and manual steps racing for real (QUALITY.md scenarios 1 and 3): committed
 * rows, parallel HTTP requests and database connections, no global transaction. The orders,
 * events and customers created are removed afterwards; ledger rows are append-only and stay,
 * which the invariant checker covers like any other.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { createCustomer, createStaff } from '#tests/support/fixtures'
import { assertLedgerHolds, balances } from '#tests/support/ledger'
import { deliver, StripeStandin } from '#tests/support/stripe_standin'
import { ensureDemoPlans } from '#actions/plans/seed_plans'
import { rechargeKey } from '#actions/orders/credit_order'

const standin = new StripeStandin()

test.group('Stripe under concurrency', (group) => {
  const customers: number[] = []
  group.setup(async () => {
    await standin.start()
    await ensureDemoPlans()
  })
  group.teardown(async () => {
    await standin.stop()
    if (!customers.length) return
    const orders = db.from('orders').whereIn('customer_id', customers).select('id')
    await db.from('payment_events').whereIn('order_id', orders).delete()
    await db.from('orders').whereIn('customer_id', customers).delete()
    await db.from('customers').whereIn('id', customers).delete()
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

  test('webhooks, syncs and back-fills racing on one order: one credit', async ({ assert }) => {
    const { customer, order, plan, session } = await checkout()
    const completed = standin.events('checkout_card_paid', standin.pay(session.id))[3]
    const ops = await new Agent().loginStaff((await createStaff('operations')).email)
    const finance = await new Agent().loginStaff((await createStaff('finance')).email)
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
    const ops = await new Agent().loginStaff((await createStaff('operations')).email)
    const big = (await ops.post('/api/admin/orders', { customer_id: customer.id, channel: 'bank_transfer', amount: '2000.00', currency: 'USD', grant_amount: '2000' })).body
    const other = (await ops.post('/api/admin/orders', { customer_id: customer.id, channel: 'bank_transfer', amount: '2000.00', currency: 'USD', grant_amount: '2000' })).body
    const approvers = await Promise.all(Array.from({ length: 3 }, async () => new Agent().loginStaff((await createStaff('finance')).email)))
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
