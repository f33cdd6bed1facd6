/**
 * Refunds under finance review: the rules (minimum, cap = min(paid − refunded, remaining cash),
 * gift never refundable, partial refunds), maker-checker (the requester can never approve),
 * offline and Stripe payouts (idempotency key refund-<id>), failure → release + retry, the
 * customer notification, the audit trail, and QUALITY.md scenario 11 (concurrent double or
 * over-refund) on committed rows. The ledger invariants are checked after every test.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer, committedCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, fundGift, units } from '#tests/support/ledger'
import { StripeRefundsStandin } from '#tests/support/stripe_refunds_standin'
import { deliver, deliverAll } from '#tests/support/stripe_standin'
import { creditOrder } from '#services/orders/credit_order'
import chargeCustomer from '#actions/ledger/charge_customer'
import { runUseCase } from '#tests/support/use_cases'
import { SYSTEM_ACTOR } from '#services/audit'
import { randomBytes } from 'node:crypto'
import { staffAgent } from '#tests/support/agents'

const standin = new StripeRefundsStandin()

/** A paid, credited order: `amount` in cents, granting the same in USD ledger units. */
async function paidOrder(customerId: number, cents: number, channel: 'bank_transfer' | 'stripe' = 'bank_transfer') {
  let paymentId: string | null = null
  if (channel === 'stripe') {
    paymentId = `pi_test_${randomBytes(8).toString('hex')}`
    const chargeId = `ch_test_${randomBytes(8).toString('hex')}`
    standin.intents.set(paymentId, { id: paymentId, object: 'payment_intent', amount: cents, currency: 'usd', status: 'succeeded', latest_charge: chargeId })
    standin.charges.set(chargeId, { id: chargeId, object: 'charge', amount: cents, amount_refunded: 0, currency: 'usd', payment_intent: paymentId, refunded: false })
  }
  return db.transaction(async (trx) => {
    const [order] = await trx
      .insertQuery()
      .table('orders')
      .insert({
        customer_id: customerId,
        channel,
        currency: 'USD',
        amount: cents,
        grant_amount: (BigInt(cents) * 10_000n).toString(),
        status: 'PAID',
        paid_at: new Date(),
        channel_payment_id: paymentId,
      })
      .returning('*')
    const { order: credited } = await creditOrder(trx, order, SYSTEM_ACTOR)
    return { ...credited, id: Number(credited.id) }
  })
}

async function request(agent: Agent, orderId: number, amount: string, reason = 'Customer asked for a refund') {
  return agent.post(`/api/admin/orders/${orderId}/actions/request_refund`, { amount, reason })
}

const committed = committedCustomers()
const removeCommitted = () => committed.removeCommitted()
const committedCustomer = () => committed.create()

const refundRow = (id: number) => db.from('refunds').where('id', id).first()
const orderRow = (id: number) => db.from('orders').where('id', id).first()

test.group('Refunds / rules and review', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(() => standin.stop())
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('below the minimum, above what was paid, or above the remaining cash is refused with the reason', async ({ assert }) => {
    const customer = await createCustomer()
    const order = await paidOrder(customer.id, 9900)
    const { agent } = await staffAgent('operations')

    const small = await request(agent, order.id, '9.99')
    assert.equal(small.status, 422, small.text)
    assert.equal(small.body.errors[0].field, 'amount')
    assert.include(small.body.errors[0].message, 'minimum refund is 10.00 USD')

    const tooMuch = await request(agent, order.id, '99.01')
    assert.equal(tooMuch.status, 409, tooMuch.text)
    assert.include(tooMuch.body.message, 'At most 99.00 USD')

    // spend 70 of the 99: only 29 of cash is left; gift balance never counts
    await fundGift(customer.id, '500')
    await runUseCase(chargeCustomer, { customerId: customer.id, amount: units('570'), idempotencyKey: `spend-${order.id}` } as any)
    const overCash = await request(agent, order.id, '30.00')
    assert.equal(overCash.status, 409, overCash.text)
    assert.include(overCash.body.message, 'remaining cash balance is worth 29.00 USD')
    const ok = await request(agent, order.id, '29.00')
    assert.equal(ok.status, 200, ok.text)
    assert.equal((await refundRow(ok.body.result.refund_id)).status, 'REQUESTED')

    // a second request cannot count the same money: the first is still in review
    const again = await request(agent, order.id, '10.00')
    assert.equal(again.status, 409, again.text)
    await assertLedgerHolds(assert)
  })

  test('maker-checker: requesters cannot approve, the same person is refused even with both permissions; finance approves an offline refund with a bank reference', async ({ assert }) => {
    const customer = await createCustomer()
    const order = await paidOrder(customer.id, 9900)
    const { agent: admin, staff: adminStaff } = await staffAgent('super_admin')
    const { agent: ops } = await staffAgent('operations')
    const { agent: finance, staff: financeStaff } = await staffAgent('finance')

    const mine = await request(admin, order.id, '40.00', 'Duplicate purchase')
    assert.equal(mine.status, 200, mine.text)
    const id = mine.body.result.refund_id
    const self = await admin.post(`/api/admin/refunds/${id}/actions/approve`, { bank_reference: 'BANK-1' })
    assert.equal(self.status, 403, self.text)
    assert.include(self.body.message, 'You requested this refund')
    const byOps = await ops.post(`/api/admin/refunds/${id}/actions/approve`, { bank_reference: 'BANK-1' })
    assert.equal(byOps.status, 403)

    const noReference = await finance.post(`/api/admin/refunds/${id}/actions/approve`, {})
    assert.equal(noReference.status, 422, noReference.text)
    assert.equal(noReference.body.errors[0].field, 'bank_reference')

    const approved = await finance.post(`/api/admin/refunds/${id}/actions/approve`, { bank_reference: 'BANK-1' })
    assert.equal(approved.status, 200, approved.text)
    const refund = await refundRow(id)
    assert.equal(refund.status, 'SUCCEEDED')
    assert.equal(Number(refund.reviewed_by), financeStaff.id)
    assert.equal(Number(refund.requested_by), adminStaff.id)
    assert.equal(refund.bank_reference, 'BANK-1')
    const o = await orderRow(order.id)
    assert.equal(o.status, 'PARTIALLY_REFUNDED')
    assert.equal(String(o.refunded_amount), '4000')
    assert.equal((await balances(customer.id)).cash, units('59'))
    const keys = (await db.from('ledger_transactions').where({ reference_type: 'refund', reference_id: String(id) }).orderBy('id')).map((t) => `${t.type}:${t.idempotency_key}`)
    assert.deepEqual(keys, [`refund_hold:refund:${id}:hold`, `refund_settle:refund:${id}:settle`])
    const notes = await db.from('notifications').where('customer_id', customer.id)
    assert.deepEqual(notes.map((n) => n.kind), ['refund.succeeded'])
    const actions = (await auditRows({ resource: 'refunds', record_id: String(id) })).map((r) => r.action)
    assert.includeMembers(actions, ['request', 'approve'])
    const approveRow = (await auditRows({ resource: 'refunds', record_id: String(id), action: 'approve' }))[0]
    assert.deepEqual(approveRow.metadata.steps.map((s: any) => s.step), ['hold', 'offline_payout', 'settle'])
    const again = await finance.post(`/api/admin/refunds/${id}/actions/approve`, { bank_reference: 'BANK-1' })
    assert.equal(again.status, 409)
    await assertLedgerHolds(assert)
  })

  test('rejecting moves no money and tells the customer', async ({ assert }) => {
    const customer = await createCustomer()
    const order = await paidOrder(customer.id, 5000)
    const { agent: support } = await staffAgent('support')
    const { agent: finance } = await staffAgent('finance')
    const reply = await request(support, order.id, '50.00')
    assert.equal(reply.status, 200, reply.text)
    const rejected = await finance.post(`/api/admin/refunds/${reply.body.result.refund_id}/actions/reject`, { reason: 'Used the service already' })
    assert.equal(rejected.status, 200, rejected.text)
    assert.equal((await refundRow(reply.body.result.refund_id)).status, 'REJECTED')
    assert.equal((await balances(customer.id)).cash, units('50'))
    assert.equal((await orderRow(order.id)).status, 'PAID')
    assert.deepEqual((await db.from('notifications').where('customer_id', customer.id)).map((n) => n.kind), ['refund.rejected'])
    await assertLedgerHolds(assert)
  })

  test('Stripe: the refund is created with the idempotency key refund-<id>; a full refund marks the order REFUNDED', async ({ assert }) => {
    const customer = await createCustomer()
    const order = await paidOrder(customer.id, 3000, 'stripe')
    const { agent: ops } = await staffAgent('operations')
    const { agent: finance } = await staffAgent('finance')
    const reply = await ops.post('/api/admin/refunds/actions/request', { order_id: Number(order.id), amount: '30.00', reason: 'Accidental purchase' })
    assert.equal(reply.status, 200, reply.text)
    const id = reply.body.result.refund_id
    const approved = await finance.post(`/api/admin/refunds/${id}/actions/approve`, {})
    assert.equal(approved.status, 200, approved.text)
    const call = standin.refundCalls.at(-1)!
    assert.equal(call.idempotencyKey, `refund-${id}`)
    assert.equal(call.body.payment_intent, order.channel_payment_id)
    assert.equal(call.body.amount, '3000')
    const refund = await refundRow(id)
    assert.equal(refund.status, 'SUCCEEDED')
    assert.match(refund.provider_refund_id, /^re_test_/)
    const o = await orderRow(order.id)
    assert.equal(o.status, 'REFUNDED')
    assert.equal(String(o.refunded_amount), '3000')
    assert.equal((await balances(customer.id)).cash, 0n)
    await assertLedgerHolds(assert)
  })

  test('Stripe: our own refund’s webhooks take nothing back twice; one that fails after it was paid out gives the credit back once', async ({ assert }) => {
    const customer = await createCustomer()
    const order = await paidOrder(customer.id, 3000, 'stripe')
    const { agent: ops } = await staffAgent('operations')
    const { agent: finance } = await staffAgent('finance')
    const id = (await request(ops, order.id, '30.00')).body.result.refund_id
    assert.equal((await finance.post(`/api/admin/refunds/${id}/actions/approve`, {})).status, 200)
    const refund = await refundRow(id)
    assert.equal(refund.status, 'SUCCEEDED')
    const charge = [...standin.charges.values()].find((c) => c.payment_intent === order.channel_payment_id)!
    const vars = {
      charge_id: charge.id,
      payment_intent_id: order.channel_payment_id,
      amount: 3000,
      amount_refunded: 3000,
      currency: 'usd',
      fully_refunded: true,
      refund_id: refund.provider_refund_id,
      refund_amount: 3000,
    }
    await deliverAll(standin, standin.events('charge_refunded', vars))
    assert.equal((await balances(customer.id)).cash, 0n)
    assert.lengthOf(await db.from('ledger_transactions').where({ reference_type: 'order', reference_id: String(order.id), type: 'provider_refund' }), 0, 'our refund is not a provider refund')
    assert.lengthOf(await db.from('provider_refunds').where('order_id', order.id), 0)

    const failed = standin.failRefund(refund.provider_refund_id)
    const metadata = { refund_id: String(id), order_id: String(order.id) }
    const [updated] = standin.events('charge_refund_updated', { ...vars, refund_status: 'failed', failure_reason: failed.failure_reason, refund_metadata: metadata })
    assert.equal((await deliver(standin, updated)).status, 200)
    const after = await refundRow(id)
    assert.equal(after.status, 'REFUND_FAILED')
    assert.match(after.failure_reason, /reported the refund failed .*after it was paid out/)
    assert.equal((await balances(customer.id)).cash, units('30'))
    assert.include(await orderRow(order.id), { status: 'PAID', refunded_amount: '0' })
    const restore = await db.from('ledger_transactions').where('idempotency_key', `refund:${id}:failed_after_settle`).first()
    assert.include(restore, { type: 'provider_refund_restore', amount: String(units('30')) })
    assert.equal(String(after.release_transaction_id), String(restore.id))

    await deliver(standin, updated)
    const [again] = standin.events('charge_refund_updated', { ...vars, refund_status: 'failed', failure_reason: 'x', refund_metadata: metadata })
    await deliver(standin, again)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', 'like', `refund:${id}:failed%`), 1)
    assert.equal((await balances(customer.id)).cash, units('30'))
    assert.deepEqual((await db.from('notifications').where('customer_id', customer.id).orderBy('id')).map((n) => n.kind), ['refund.succeeded', 'refund.failed'])
    await assertLedgerHolds(assert)
  })

  test('Stripe failure releases the hold and marks REFUND_FAILED; retry uses a new key and settles once', async ({ assert }) => {
    const customer = await createCustomer()
    const order = await paidOrder(customer.id, 2000, 'stripe')
    const { agent: ops } = await staffAgent('operations')
    const { agent: finance } = await staffAgent('finance')
    const id = (await request(ops, order.id, '15.00')).body.result.refund_id
    standin.errorNextRefunds = 1
    const failed = await finance.post(`/api/admin/refunds/${id}/actions/approve`, {})
    assert.equal(failed.status, 200, failed.text)
    assert.include(failed.body.message, 'The refund failed')
    let refund = await refundRow(id)
    assert.equal(refund.status, 'REFUND_FAILED')
    assert.include(refund.failure_reason, 'too old to be refunded')
    assert.equal((await balances(customer.id)).cash, units('20'))
    assert.equal((await orderRow(order.id)).status, 'PAID')

    standin.failNextRefunds = 1
    const failedAgain = await finance.post(`/api/admin/refunds/${id}/actions/retry`, {})
    assert.equal(failedAgain.status, 200, failedAgain.text)
    assert.equal((await refundRow(id)).status, 'REFUND_FAILED')

    const retried = await finance.post(`/api/admin/refunds/${id}/actions/retry`, {})
    assert.equal(retried.status, 200, retried.text)
    refund = await refundRow(id)
    assert.equal(refund.status, 'SUCCEEDED')
    assert.equal(refund.attempts, 3)
    assert.deepEqual(standin.refundCalls.slice(-3).map((c) => c.idempotencyKey), [`refund-${id}`, `refund-${id}-2`, `refund-${id}-3`])
    assert.equal((await balances(customer.id)).cash, units('5'))
    assert.equal((await orderRow(order.id)).status, 'PARTIALLY_REFUNDED')
    const types = (await db.from('ledger_transactions').where({ reference_type: 'refund', reference_id: String(id) }).orderBy('id')).map((t) => t.idempotency_key)
    assert.deepEqual(types, [`refund:${id}:hold`, `refund:${id}:release`, `refund:${id}:hold:2`, `refund:${id}:release:2`, `refund:${id}:hold:3`, `refund:${id}:settle`])
    assert.deepEqual((await db.from('notifications').where('customer_id', customer.id).orderBy('id')).map((n) => n.kind), ['refund.failed', 'refund.failed', 'refund.succeeded'])
    await assertLedgerHolds(assert)
  })
})

test.group('Refunds / concurrency (QUALITY 11, committed rows)', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(async () => {
    await standin.stop()
    await removeCommitted()
  })

  test('parallel requests on one order: the total in review never exceeds what was paid', async ({ assert }) => {
    const customer = await committedCustomer()
    const order = await paidOrder(customer.id, 9900)
    const agents = await Promise.all(Array.from({ length: 8 }, () => staffAgent('operations')))
    const replies = await Promise.all(agents.map(({ agent }) => request(agent, order.id, '60.00')))
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409, 409, 409])
    await assertLedgerHolds(assert)
  })

  test('parallel approvals of one refund: it is paid once', async ({ assert }) => {
    const customer = await committedCustomer()
    const order = await paidOrder(customer.id, 5000, 'stripe')
    const { agent: ops } = await staffAgent('operations')
    const id = (await request(ops, order.id, '50.00')).body.result.refund_id
    const finance = await Promise.all(Array.from({ length: 6 }, () => staffAgent('finance')))
    const replies = await Promise.all(finance.map(({ agent }) => agent.post(`/api/admin/refunds/${id}/actions/approve`, {})))
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409])
    assert.lengthOf(standin.refundCalls.filter((c) => c.body.metadata?.refund_id === String(id)), 1)
    assert.equal(String((await orderRow(order.id)).refunded_amount), '5000')
    assert.equal((await balances(customer.id)).cash, 0n)
    await assertLedgerHolds(assert)
  })

  test('parallel approvals across two orders: total refunded stays within the remaining balance', async ({ assert }) => {
    const customer = await committedCustomer()
    const first = await paidOrder(customer.id, 5000)
    const second = await paidOrder(customer.id, 5000)
    const { agent: ops } = await staffAgent('operations')
    const a = (await request(ops, first.id, '40.00')).body.result.refund_id
    const b = (await request(ops, second.id, '40.00')).body.result.refund_id
    // the customer spends 30 of the 100 meanwhile: 70 left, room for one of the two refunds
    await runUseCase(chargeCustomer, { customerId: customer.id, amount: units('30'), idempotencyKey: `spend-${first.id}` } as any)
    const { agent: f1 } = await staffAgent('finance')
    const { agent: f2 } = await staffAgent('finance')
    const replies = await Promise.all([
      f1.post(`/api/admin/refunds/${a}/actions/approve`, { bank_reference: 'B-A' }),
      f2.post(`/api/admin/refunds/${b}/actions/approve`, { bank_reference: 'B-B' }),
    ])
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409], replies.map((r) => r.text).join(' | '))
    const refunded = await db.from('refunds').whereIn('id', [a, b]).where('status', 'SUCCEEDED')
    assert.lengthOf(refunded, 1)
    const cash = (await balances(customer.id)).cash
    assert.equal(cash, units('30'))
    assert.isAtLeast(Number(cash), 0)
    await assertLedgerHolds(assert)
  })
})
