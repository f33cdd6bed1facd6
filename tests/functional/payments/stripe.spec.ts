/**
 * Stripe: the portal's checkout against a local Stripe-compatible stand-in (the real SDK, real
 * HTTP), webhooks signed for real and replayed from fixtures in Stripe's emission order, and
 * QUALITY.md scenarios 1 (sequential replays), 4 (refund before payment, expired after
 * completed) and 5 (bad signature, stale timestamp, re-serialised body), plus delayed
 * payments, disputes, "sync with Stripe", closing and expiry. Concurrent deliveries are in
 * stripe_concurrency.spec.ts. The ledger invariants are checked after every money test.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { configureStripe } from '#services/stripe'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer } from '#tests/support/fixtures'
import { assertLedgerHolds, balances } from '#tests/support/ledger'
import { deliver, deliverAll, StripeStandin } from '#tests/support/stripe_standin'
import { ensureDemoPlans } from '#services/plans/demo_plans'
import { rechargeKey } from '#services/orders/credit_order'
import chargeCustomer from '#actions/ledger/charge_customer'
import { runUseCase } from '#tests/support/use_cases'
import createCheckoutOrder from '#actions/orders/create_checkout_order'
import { staffAgent } from '#tests/support/agents'


const standin = new StripeStandin()

async function plan(code = 'starter') {
  await ensureDemoPlans()
  return db.from('plans').where('code', code).first()
}

/** A signed-in customer who has started buying `code`: the order, its session at the stand-in, the agent. */
async function checkout(code = 'starter', customerOverrides: Record<string, unknown> = {}) {
  const p = await plan(code)
  const customer = await createCustomer(customerOverrides)
  const agent = await new Agent().loginCustomer(customer.email)
  const reply = await agent.post('/api/portal/orders', { plan_id: Number(p.id) })
  if (reply.status !== 201) throw new Error(`checkout failed: ${reply.status} ${reply.text}`)
  const order = await db.from('orders').where('number', reply.body.order.number).first()
  return { customer, agent, plan: p, reply, order, session: standin.sessions.get(order.channel_order_id)! }
}

async function orderRow(id: number | string) {
  return db.from('orders').where('id', id).first()
}

/** What "the same final state" means: status, amounts, credit, lock, dispute, ledger effects, balance. */
async function finalState(orderId: number | string) {
  const o = await orderRow(orderId)
  const ledger = await db.from('ledger_transactions').where({ reference_type: 'order', reference_id: String(orderId) }).orderBy('type')
  const cash = (await balances(Number(o.customer_id))).cash
  return {
    status: o.status,
    paid: o.paid_at !== null,
    credited: o.paid_transaction_id !== null,
    refunded_amount: String(o.refunded_amount),
    locked: o.locked,
    dispute_status: o.dispute_status,
    disputed_amount: String(o.disputed_amount),
    frozen_amount: String(o.frozen_amount),
    failure_reason: o.failure_reason,
    ledger: ledger.map((t) => `${t.type}:${t.amount}`),
    cash: cash.toString(),
  }
}

test.group('Stripe / checkout', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(() => standin.stop())
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('buying a plan opens a Checkout Session for the order and returns its URL', async ({ assert }) => {
    const { reply, order, plan: p, customer } = await checkout()
    assert.equal(reply.body.checkout_url, `https://checkout.stripe.test/c/pay/${order.channel_order_id}`)
    assert.deepInclude(reply.body.order, { id: order.number, number: order.number, status: 'PENDING', channel: 'stripe', amount: '9.90', currency: 'USD', credited: false })
    assert.equal(reply.body.order.checkout_url, reply.body.checkout_url)
    assert.include(order, { status: 'PENDING', plan_version_id: p.current_version_id, amount: '990', customer_id: String(customer.id) })

    const created = standin.requests.find((r) => r.method === 'POST' && r.body.client_reference_id === order.number)!
    assert.equal(created.idempotencyKey, `checkout:order:${order.id}`)
    assert.equal(created.body.mode, 'payment')
    assert.deepEqual(created.body.metadata, { order_id: String(order.id), order_number: order.number })
    assert.deepEqual(created.body.payment_intent_data.metadata, { order_id: String(order.id), order_number: order.number })
    assert.equal(created.body.customer_email, customer.email)
    assert.deepInclude(created.body.line_items[0].price_data, { currency: 'usd', unit_amount: '990' })
    assert.match(created.body.success_url, new RegExp(`/billing/result\\?order=${order.number}&outcome=success$`))
    assert.match(created.body.cancel_url, new RegExp(`/billing/result\\?order=${order.number}&outcome=cancel$`))
    assert.closeTo(Number(created.body.expires_at), Date.now() / 1000 + 31 * 60, 120)
    const [audit] = await auditRows({ resource: 'orders', record_id: String(order.id), action: 'create' })
    assert.equal(audit.actor_type, 'customer')
  })

  test('refusals: Stripe not configured (503, nothing written), frozen account, unknown plan, unknown fields', async ({ assert }) => {
    const p = await plan()
    // freezing ends a customer's sessions; the use case refuses a frozen account by itself too
    const frozen = await createCustomer({ frozen: true })
    await assert.rejects(
      () => runUseCase(createCheckoutOrder, { customerId: frozen.id, planId: Number(p.id) }),
      /frozen/
    )

    const customer = await createCustomer()
    const agent = await new Agent().loginCustomer(customer.email)
    assert.equal((await agent.post('/api/portal/orders', { plan_id: 99999999 })).status, 422)
    assert.equal((await agent.post('/api/portal/orders', { plan_id: '1' })).status, 422)
    assert.equal((await agent.post('/api/portal/orders', { plan_id: Number(p.id), amount: '0.01' })).status, 422)
    await db.from('plans').where('id', p.id).update({ active: false })
    assert.equal((await agent.post('/api/portal/orders', { plan_id: Number(p.id) })).status, 422)
    await db.from('plans').where('id', p.id).update({ active: true })

    configureStripe({ secretKey: null })
    try {
      const off = await agent.post('/api/portal/orders', { plan_id: Number(p.id) })
      assert.equal(off.status, 503)
      assert.match(off.body.message, /not available/)
    } finally {
      configureStripe({ secretKey: 'sk_test_standin' })
    }
    assert.lengthOf(await db.from('orders').where('customer_id', customer.id), 0)
  })

  test('when Stripe refuses the session the order is failed and the customer gets a 502; a transient 500 is retried by the SDK', async ({ assert }) => {
    const p = await plan()
    const customer = await createCustomer()
    const agent = await new Agent().loginCustomer(customer.email)
    standin.failCreates = { status: 400, times: 1 }
    const refused = await agent.post('/api/portal/orders', { plan_id: Number(p.id) })
    assert.equal(refused.status, 502, refused.text)
    const failed = await db.from('orders').where('customer_id', customer.id).first()
    assert.include(failed, { status: 'FAILED', failure_reason: 'The payment page could not be opened', channel_order_id: null })

    standin.failCreates = { status: 500, times: 1 }
    const retried = await agent.post('/api/portal/orders', { plan_id: Number(p.id) })
    assert.equal(retried.status, 201, retried.text)
    const keys = standin.requests.filter((r) => r.body.client_reference_id === retried.body.order.number).map((r) => r.idempotencyKey)
    assert.lengthOf(keys, 2)
    assert.equal(keys[0], keys[1], 'the retry reuses the idempotency key')
  })

  test('a customer may start only so many checkouts an hour', async ({ assert }) => {
    const p = await plan()
    const customer = await createCustomer()
    const agent = await new Agent().loginCustomer(customer.email)
    const base = { customer_id: customer.id, plan_id: p.id, plan_version_id: p.current_version_id, plan_name: p.name, channel: 'stripe', currency: 'USD', amount: 990, grant_amount: p.grant_amount }
    await db.table('orders').multiInsert(Array.from({ length: 10 }, () => ({ ...base })))
    const reply = await agent.post('/api/portal/orders', { plan_id: Number(p.id) })
    assert.equal(reply.status, 429)
    assert.isAbove(Number(reply.headers.get('retry-after')), 0)
  })
})

test.group('Stripe / webhooks', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(() => standin.stop())
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a card payment replayed in emission order: paid and credited once, every event stored', async ({ assert }) => {
    const { order, session, agent, plan: p, customer } = await checkout()
    const ids = standin.pay(session.id)
    const events = standin.events('checkout_card_paid', ids)
    const replies = await deliverAll(standin, events)
    assert.deepEqual(
      replies.map((r) => r.body.status),
      ['ignored', 'ignored', 'ignored', 'processed', 'ignored']
    )
    const paid = await orderRow(order.id)
    assert.include(paid, { status: 'PAID', channel_payment_id: ids.payment_intent_id, channel_order_id: session.id, failure_reason: null })
    assert.equal(new Date(paid.paid_at).getTime(), events[3].created * 1000)
    const tx = await db.from('ledger_transactions').where('idempotency_key', rechargeKey(order.id)).first()
    assert.equal(String(paid.paid_transaction_id), String(tx.id))
    assert.equal((await balances(customer.id)).cash, BigInt(p.grant_amount))

    const stored = await db.from('payment_events').whereIn('event_id', events.map((e) => e.id)).orderBy('id')
    assert.lengthOf(stored, 5)
    const completed = stored.find((e) => e.type === 'checkout.session.completed')
    assert.include(completed, { status: 'processed', attempts: 1, order_id: String(order.id) })
    assert.isNotNull(completed.processed_at)
    assert.equal(completed.payload.id, events[3].id)
    const [audit] = await auditRows({ resource: 'orders', record_id: String(order.id), action: 'stripe.checkout.session.completed' })
    assert.equal(audit.actor_label, 'stripe')
    assert.equal(audit.metadata.eventId, events[3].id)

    const shown = await agent.get(`/api/portal/orders/${order.number}`)
    assert.deepInclude(shown.body, { status: 'PAID', credited: true, checkout_url: null })
    await assertLedgerHolds(assert)
  })

  test('the same event delivered again: 200, recorded as a duplicate attempt, nothing applied twice (scenario 1)', async ({ assert }) => {
    const { order, session, customer, plan: p } = await checkout()
    const events = standin.events('checkout_card_paid', standin.pay(session.id))
    const completed = events[3]
    const first = await deliver(standin, completed)
    assert.deepInclude(first.body, { status: 'processed', duplicate: false })
    for (let i = 0; i < 3; i++) {
      const again = await deliver(standin, completed)
      assert.equal(again.status, 200)
      assert.deepInclude(again.body, { status: 'processed', duplicate: true })
    }
    const stored = await db.from('payment_events').where('event_id', completed.id).first()
    assert.equal(stored.attempts, 4)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', rechargeKey(order.id)), 1)
    assert.equal((await balances(customer.id)).cash, BigInt(p.grant_amount))
    assert.lengthOf(await auditRows({ resource: 'orders', record_id: String(order.id), action: 'stripe.checkout.session.completed' }), 1)
    await assertLedgerHolds(assert)
  })

  test('a delayed payment method: pending until it settles, then paid and credited', async ({ assert }) => {
    const { order, session, customer, plan: p } = await checkout('standard')
    const ids = standin.pay(session.id, { delayed: true })
    const [completedUnpaid, processing, ...rest] = standin.events('checkout_delayed_succeeded', ids)
    await deliverAll(standin, [completedUnpaid, processing])
    const waiting = await orderRow(order.id)
    assert.include(waiting, { status: 'PENDING', channel_payment_id: ids.payment_intent_id, paid_transaction_id: null })
    standin.settle(session.id, true)
    await deliverAll(standin, rest)
    assert.include(await orderRow(order.id), { status: 'PAID' })
    assert.equal((await balances(customer.id)).cash, BigInt(p.grant_amount))
    await assertLedgerHolds(assert)
  })

  test('a delayed payment that fails: failed with the reason, nothing credited', async ({ assert }) => {
    const { order, session, customer } = await checkout()
    standin.pay(session.id, { delayed: true })
    const ids = standin.settle(session.id, false)
    await deliverAll(standin, standin.events('checkout_delayed_failed', ids))
    const failed = await orderRow(order.id)
    assert.include(failed, { status: 'FAILED', paid_transaction_id: null })
    assert.match(failed.failure_reason, /did not go through/)
    assert.equal((await balances(customer.id)).cash, 0n)
  })

  test('an expired session cancels the order; "expired after completed" ends as in order (scenario 4)', async ({ assert }) => {
    const expiredOnly = await checkout()
    standin.expire(expiredOnly.session.id)
    await deliverAll(standin, standin.events('checkout_expired', standin.ids(expiredOnly.session.id)))
    assert.include(await orderRow(expiredOnly.order.id), { status: 'CANCELLED', failure_reason: 'The checkout session expired before payment' })

    // the same two events, in order and reversed, on two orders
    const inOrder = await checkout()
    const reversed = await checkout()
    for (const run of [inOrder, reversed]) {
      const ids = standin.pay(run.session.id)
      const completed = standin.events('checkout_card_paid', ids)[3]
      const [expired] = standin.events('checkout_expired', ids)
      await deliverAll(standin, run === inOrder ? [completed, expired] : [expired, completed])
    }
    const a = await finalState(inOrder.order.id)
    const b = await finalState(reversed.order.id)
    assert.deepEqual(b, a)
    assert.equal(a.status, 'PAID')
    assert.isTrue(a.credited)
    await assertLedgerHolds(assert)
  })

  test('refund before payment ends in the same state as in order, partial and full (scenario 4)', async ({ assert }) => {
    for (const refund of [300, 990]) {
      const inOrder = await checkout()
      const reversed = await checkout()
      for (const run of [inOrder, reversed]) {
        standin.pay(run.session.id)
        const ids = standin.refund(run.session.id, refund)
        const payment = standin.events('checkout_card_paid', ids)
        const refunded = standin.events('charge_refunded', { ...ids, refund_amount: refund, fully_refunded: refund === 990 })
        await deliverAll(standin, run === inOrder ? [...payment, ...refunded] : [...refunded, ...payment])
      }
      const a = await finalState(inOrder.order.id)
      const b = await finalState(reversed.order.id)
      assert.deepEqual(b, a, `refund of ${refund}`)
      assert.equal(a.status, refund === 990 ? 'REFUNDED' : 'PARTIALLY_REFUNDED')
      assert.equal(a.refunded_amount, String(refund))
      // the refund was made at Stripe, not through our refunds flow: its share of the credit is taken back
      const share = (BigInt(inOrder.plan.grant_amount) * BigInt(refund)) / 990n
      assert.deepEqual(a.ledger, [`provider_refund:${share}`, `recharge:${inOrder.plan.grant_amount}`], 'one recharge, the refunded share taken back once')
      assert.equal(a.cash, String(BigInt(inOrder.plan.grant_amount) - share))
      const reversedIntent = (await orderRow(reversed.order.id)).channel_payment_id
      assert.isTrue(
        standin.requests.some((r) => r.method === 'GET' && r.path === `/v1/payment_intents/${reversedIntent}`),
        'the early refund was matched through the PaymentIntent metadata'
      )
    }
    await assertLedgerHolds(assert)
  })

  test('bad signature, stale timestamp, re-serialised body: 400, nothing written, the attempt logged (scenario 5)', async ({ assert }) => {
    const { order, session, customer } = await checkout()
    const completed = standin.events('checkout_card_paid', standin.pay(session.id))[3]
    const payload = JSON.stringify(completed, null, 2)
    const attempts: Array<[string, Parameters<typeof deliver>[2]]> = [
      ['wrong secret', { secret: 'whsec_not_ours' }],
      ['timestamp 301 s old', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
      ['body re-serialised', { body: JSON.stringify(JSON.parse(payload)) }],
      ['body tampered', { body: payload.replace(/"amount_total": 990/, '"amount_total": 1') }],
      ['no signature', { signature: null }],
      ['garbage signature', { signature: 't=1,v1=deadbeef' }],
    ]
    const rejectedBefore = (await auditRows({ action: 'webhook.rejected' })).length
    for (const [what, options] of attempts) {
      const reply = await deliver(standin, completed, options)
      assert.equal(reply.status, 400, `${what}: ${reply.text}`)
      assert.equal(reply.body.message, 'Webhook signature verification failed')
    }
    assert.lengthOf(await db.from('payment_events').where('event_id', completed.id), 0)
    assert.include(await orderRow(order.id), { status: 'PENDING', paid_transaction_id: null })
    assert.equal((await balances(customer.id)).cash, 0n)
    const rejected = await auditRows({ action: 'webhook.rejected' })
    assert.lengthOf(rejected, rejectedBefore + attempts.length)
    const last = rejected.at(-1)
    assert.equal(last.actor_label, 'stripe')
    assert.equal(last.metadata.signature, 'present')
    assert.match(last.metadata.bodySha256, /^[0-9a-f]{64}$/)
    assert.isNotNull(last.ip)
    assert.match(rejected.at(-5).metadata.why, /timestamp|tolerance/i)

    const genuine = await deliver(standin, completed)
    assert.equal(genuine.status, 200, 'the genuine delivery is still processed')
    assert.equal((await orderRow(order.id)).status, 'PAID')
    await assertLedgerHolds(assert)
  })

  test('the signature is checked over the exact bytes received, non-ASCII text included', async ({ assert }) => {
    const { order, session } = await checkout()
    const completed = standin.events('checkout_card_paid', standin.pay(session.id))[3]
    completed.data.object.custom_text = { submit: { message: '充值套餐 — “Starter” ✓ 🎬' } }
    const reply = await deliver(standin, completed)
    assert.equal(reply.status, 200, reply.text)
    assert.equal((await orderRow(order.id)).status, 'PAID')
    const stored = await db.from('payment_events').where('event_id', completed.id).first()
    assert.equal(stored.payload.data.object.custom_text.submit.message, '充值套餐 — “Starter” ✓ 🎬')
    await assertLedgerHolds(assert)
  })

  test('an event that cannot be processed is stored as failed with the error, answered 500, and processed on redelivery', async ({ assert }) => {
    const { order, session } = await checkout()
    const ids = standin.pay(session.id)
    const [refunded] = standin.events('charge_refunded', { ...standin.refund(session.id, 990), refund_amount: 990, fully_refunded: true })
    standin.failIntentReads = 2 // the SDK retries once
    const failed = await deliver(standin, refunded)
    assert.equal(failed.status, 500)
    const stored = await db.from('payment_events').where('event_id', refunded.id).first()
    assert.include(stored, { status: 'failed', attempts: 1 })
    assert.match(stored.error, /Stripe could not read the payment/)
    assert.equal((await orderRow(order.id)).refunded_amount, '0')

    const retried = await deliver(standin, refunded)
    assert.equal(retried.status, 200, retried.text)
    assert.deepInclude(retried.body, { status: 'processed', duplicate: false })
    assert.include(await db.from('payment_events').where('event_id', refunded.id).first(), { status: 'processed', attempts: 2, error: null })
    await deliverAll(standin, standin.events('checkout_card_paid', ids))
    assert.include(await orderRow(order.id), { status: 'REFUNDED', refunded_amount: '990' })
    await assertLedgerHolds(assert)
  })

  test('events of other types or for orders we do not know are stored and acknowledged', async ({ assert }) => {
    const { session } = await checkout()
    const ids = standin.pay(session.id)
    const stranger = standin.events('checkout_card_paid', { ...ids, session_id: 'cs_test_someone_else', order_id: '999999999', order_number: 'R20000101-999999' })[3]
    const reply = await deliver(standin, stranger)
    assert.equal(reply.status, 200)
    assert.equal(reply.body.status, 'unmatched')
    assert.equal((await db.from('payment_events').where('event_id', stranger.id).first()).status, 'unmatched')
  })

  test('a payment of another amount marks the order paid and locked, credits nothing until finance reviews', async ({ assert }) => {
    const { order, session, customer, plan: p } = await checkout()
    const ids = standin.pay(session.id)
    const completed = standin.events('checkout_card_paid', { ...ids, amount: 500 })[3]
    await deliver(standin, completed)
    const row = await orderRow(order.id)
    assert.include(row, { status: 'PAID', locked: true, paid_transaction_id: null })
    assert.match(row.lock_reason, /Amount mismatch/)
    assert.equal((await balances(customer.id)).cash, 0n)

    const { agent: finance } = await staffAgent('finance')
    const { agent: ops } = await staffAgent('operations')
    assert.equal((await finance.post(`/api/admin/orders/${order.id}/actions/backfill`, { reason: 'checked' })).status, 409)
    assert.equal((await ops.post(`/api/admin/orders/${order.id}/actions/unlock`, { reason: 'Stripe fee adjustment confirmed' })).status, 200)
    const filled = await finance.post(`/api/admin/orders/${order.id}/actions/backfill`, { reason: 'Reviewed the mismatch' })
    assert.equal(filled.status, 200, filled.text)
    assert.equal((await balances(customer.id)).cash, BigInt(p.grant_amount))
    await assertLedgerHolds(assert)
  })
})

test.group('Stripe / disputes', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(() => standin.stop())
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a dispute locks the order and freezes the disputed credit; a won dispute releases it', async ({ assert }) => {
    const { order, session, customer, plan: p } = await checkout()
    const ids = standin.pay(session.id)
    await deliverAll(standin, standin.events('checkout_card_paid', ids))
    const disputeVars = { ...ids, dispute_id: `dp_test_${order.id}`, disputed_amount: 990 }
    await deliverAll(standin, standin.events('charge_dispute_created', disputeVars))
    const disputed = await orderRow(order.id)
    assert.include(disputed, { status: 'PAID', locked: true, dispute_id: `dp_test_${order.id}`, dispute_status: 'needs_response', disputed_amount: '990' })
    assert.equal(String(disputed.frozen_amount), String(p.grant_amount))
    assert.match(disputed.lock_reason, /dispute/i)
    assert.equal((await balances(customer.id)).cash, 0n)
    const hold = await db.from('ledger_transactions').where('idempotency_key', `dispute:hold:dp_test_${order.id}`).first()
    assert.include(hold, { type: 'dispute_hold', reference_type: 'order', reference_id: String(order.id) })

    await deliverAll(standin, standin.events('charge_dispute_won', disputeVars))
    const won = await orderRow(order.id)
    assert.include(won, { dispute_status: 'won', frozen_amount: '0', locked: true })
    assert.equal((await balances(customer.id)).cash, BigInt(p.grant_amount))
    await assertLedgerHolds(assert)
  })

  test('a dispute that arrives before the payment ends as in order; only what is left in cash can be frozen', async ({ assert }) => {
    const inOrder = await checkout()
    const reversed = await checkout()
    for (const run of [inOrder, reversed]) {
      const ids = standin.pay(run.session.id)
      const payment = standin.events('checkout_card_paid', ids)
      const dispute = standin.events('charge_dispute_created', { ...ids, dispute_id: `dp_test_x${run.order.id}`, disputed_amount: 495 })
      await deliverAll(standin, run === inOrder ? [...payment, ...dispute] : [...dispute, ...payment])
    }
    const a = await finalState(inOrder.order.id)
    const b = await finalState(reversed.order.id)
    assert.deepEqual(b, a)
    assert.equal(a.frozen_amount, String(BigInt(inOrder.plan.grant_amount) / 2n))

    // the customer spent most of the credit before the dispute: the rest is frozen, the shortfall noted
    const spent = await checkout()
    const ids = standin.pay(spent.session.id)
    await deliverAll(standin, standin.events('checkout_card_paid', ids))
    const grant = BigInt(spent.plan.grant_amount)
    await runUseCase(chargeCustomer, { customerId: spent.customer.id, amount: grant - 1_000_000n, idempotencyKey: `spend-${spent.order.id}` })
    await deliverAll(standin, standin.events('charge_dispute_created', { ...ids, dispute_id: `dp_test_s${spent.order.id}`, disputed_amount: 990 }))
    const row = await orderRow(spent.order.id)
    assert.equal(String(row.frozen_amount), '1000000')
    assert.equal((await balances(spent.customer.id)).cash, 0n)
    const [audit] = await auditRows({ resource: 'orders', record_id: String(spent.order.id), action: 'stripe.charge.dispute.created' })
    assert.match(audit.metadata.notes.join(' '), /already spent/)
    await assertLedgerHolds(assert)
  })
})

test.group('Stripe / sync, close and expiry', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(() => standin.stop())
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('sync with Stripe applies a payment the webhook missed, once; the late webhook adds nothing', async ({ assert }) => {
    const { order, session, customer, plan: p } = await checkout()
    const ids = standin.pay(session.id)
    const { agent: ops, staff } = await staffAgent('operations')
    const synced = await ops.post(`/api/admin/orders/${order.id}/actions/sync`, {})
    assert.equal(synced.status, 200, synced.text)
    assert.match(synced.body.message, /now paid and credited/)
    assert.include(synced.body.record, { status: 'PAID', operator_id: staff.id, channel_payment_id: ids.payment_intent_id })
    const again = await ops.post(`/api/admin/orders/${order.id}/actions/sync`, {})
    assert.match(again.body.message, /Already in step/)
    await deliverAll(standin, standin.events('checkout_card_paid', ids))
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', rechargeKey(order.id)), 1)
    assert.equal((await balances(customer.id)).cash, BigInt(p.grant_amount))

    standin.refund(session.id, 990)
    const refunded = await ops.post(`/api/admin/orders/${order.id}/actions/sync`, {})
    assert.include(refunded.body.record, { status: 'REFUNDED', refunded_amount: '9.90' })
    const [audit] = await auditRows({ resource: 'orders', record_id: String(order.id), action: 'sync' })
    assert.equal(audit.changes.after.status, 'PAID')
    assert.equal((await ops.post(`/api/admin/orders/${order.id}/actions/sync`, {})).status, 200)
    await assertLedgerHolds(assert)
  })

  test('closing a card order expires its session at Stripe; a session paid meanwhile is applied instead', async ({ assert }) => {
    const { agent: ops } = await staffAgent('operations')
    const open = await checkout()
    const closed = await ops.post(`/api/admin/orders/${open.order.id}/actions/close`, { reason: 'Customer asked to cancel' })
    assert.equal(closed.status, 200, closed.text)
    assert.include(closed.body.record, { status: 'CANCELLED' })
    assert.equal(standin.sessions.get(open.session.id)!.status, 'expired')

    const paid = await checkout()
    standin.pay(paid.session.id)
    const notClosed = await ops.post(`/api/admin/orders/${paid.order.id}/actions/close`, { reason: 'Looks abandoned' })
    assert.equal(notClosed.status, 200, notClosed.text)
    assert.match(notClosed.body.message, /Not closed/)
    assert.include(notClosed.body.record, { status: 'PAID' })
    assert.equal((await balances(paid.customer.id)).cash, BigInt(paid.plan.grant_amount))
    await assertLedgerHolds(assert)
  })

  test('the expiry job expires unpaid sessions at Stripe and cancels; one paid meanwhile is credited', async ({ assert }) => {
    const unpaid = await checkout()
    const paidLate = await checkout()
    const delayed = await checkout()
    standin.pay(paidLate.session.id)
    standin.pay(delayed.session.id, { delayed: true })
    const past = new Date(Date.now() - 1000)
    await db.from('orders').whereIn('id', [unpaid.order.id, paidLate.order.id, delayed.order.id]).update({ expires_at: past })
    await jobs.run('orders-expire')
    const u = await orderRow(unpaid.order.id)
    assert.include(u, { status: 'CANCELLED', checkout_url: null })
    assert.match(u.failure_reason, /^Not paid within \d+ minutes$/)
    assert.equal(standin.sessions.get(unpaid.session.id)!.status, 'expired')
    assert.include(await orderRow(paidLate.order.id), { status: 'PAID' })
    assert.equal((await balances(paidLate.customer.id)).cash, BigInt(paidLate.plan.grant_amount))
    const d = await orderRow(delayed.order.id)
    assert.equal(d.status, 'PENDING')
    assert.isAbove(new Date(d.expires_at).getTime(), Date.now() + 3600_000)

    // Stripe's own expiry event afterwards changes nothing more
    await deliverAll(standin, standin.events('checkout_expired', standin.ids(unpaid.session.id)))
    assert.equal((await orderRow(unpaid.order.id)).status, 'CANCELLED')
    await assertLedgerHolds(assert)
  })
})
