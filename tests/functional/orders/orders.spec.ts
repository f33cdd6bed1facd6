/**
 * Recharge orders without Stripe: offline orders created by operations, confirmed by finance
 * (a second, different approver above the limit), back-fill that can never credit twice,
 * close / lock / unlock, expiry of pending orders by the job, and the portal's own-orders
 * list. The ledger invariants are checked after every test that moves money.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import payments from '#config/payments'
import { Agent } from '#tests/support/agent'
import { auditRows, createCustomer } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, units } from '#tests/support/ledger'
import { csvObjects } from '#tests/support/csv'
import { ensureDemoPlans } from '#services/plans/demo_plans'
import { creditOrder, rechargeKey } from '#services/orders/credit_order'
import { SYSTEM_ACTOR } from '#services/audit'
import { fromUnits } from '#services/ledger/amounts'
import { staffAgent } from '#tests/support/agents'

const ORDERS = '/api/admin/orders'

async function starter() {
  await ensureDemoPlans()
  return db.from('plans').where('code', 'starter').first()
}

/** An order row as a channel would have left it (for back-fill and portal tests). */
async function insertOrder(customerId: number, overrides: Record<string, unknown> = {}) {
  const plan = await starter()
  const [row] = await db
    .table('orders')
    .insert({
      customer_id: customerId,
      plan_id: plan.id,
      plan_version_id: plan.current_version_id,
      plan_name: plan.name,
      channel: 'bank_transfer',
      currency: 'USD',
      amount: plan.prices.USD,
      grant_amount: plan.grant_amount,
      expires_at: new Date(Date.now() + 3600_000),
      ...overrides,
    })
    .returning('*')
  return row
}

const action = (agent: Agent, id: number, name: string, body: Record<string, unknown> = {}) => agent.post(`${ORDERS}/${id}/actions/${name}`, body)

test.group('Orders / offline channels', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('operations create a bank-transfer order for a plan: pending, numbered, at the plan version', async ({ assert }) => {
    const plan = await starter()
    const customer = await createCustomer()
    const { agent, staff } = await staffAgent('operations')
    const reply = await agent.post(ORDERS, { customer_id: customer.id, channel: 'bank_transfer', plan_id: Number(plan.id), remark: 'Invoice 2026-11' })
    assert.equal(reply.status, 201, reply.text)
    const order = reply.body
    assert.match(order.number, /^R\d{8}-\d{6,}$/)
    assert.include(order, { status: 'PENDING', channel: 'bank_transfer', currency: 'USD', amount: '9.90', plan_name: 'Starter', created_by: staff.id, operator_id: staff.id })
    assert.equal(order.plan_version_id, Number(plan.current_version_id))
    assert.equal(order.grant_amount, fromUnits(plan.grant_amount))
    const expires = new Date(order.expires_at).getTime()
    assert.closeTo(expires, Date.now() + payments.offlineTimeoutMinutes * 60_000, 60_000)
    const [audit] = await auditRows({ resource: 'orders', record_id: String(order.id), action: 'create' })
    assert.equal(audit.actor_id, staff.id)
  })

  test('a custom order takes an amount, a currency and an amount granted; bad combinations are field errors', async ({ assert }) => {
    const plan = await starter()
    const customer = await createCustomer()
    const { agent } = await staffAgent('operations')
    const custom = await agent.post(ORDERS, { customer_id: customer.id, channel: 'cash', amount: '2500.00', currency: 'USD', grant_amount: '2600' })
    assert.equal(custom.status, 201, custom.text)
    assert.include(custom.body, { amount: '2500.00', grant_amount: '2600.000000', plan_id: null })
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ channel: 'stripe', plan_id: Number(plan.id) }, 'channel'],
      [{ channel: 'cash', plan_id: Number(plan.id), amount: '5.00' }, 'amount'],
      [{ channel: 'cash', amount: '5.00', grant_amount: '5' }, 'currency'],
      [{ channel: 'cash', amount: '0', currency: 'USD', grant_amount: '5' }, 'amount'],
      [{ channel: 'cash', amount: '5', currency: 'USD', grant_amount: '-1' }, 'grant_amount'],
      [{ channel: 'cash', plan_id: 999999 }, 'plan_id'],
    ]
    for (const [body, field] of refusals) {
      const reply = await agent.post(ORDERS, { customer_id: customer.id, ...body })
      assert.equal(reply.status, 422, `${JSON.stringify(body)}: ${reply.text}`)
      assert.include(reply.body.errors.map((e: any) => e.field), field, JSON.stringify(body))
    }
    const unknownCustomer = await agent.post(ORDERS, { customer_id: 99999999, channel: 'cash', plan_id: Number(plan.id) })
    assert.equal(unknownCustomer.status, 422)
    assert.lengthOf(await db.from('orders').where('customer_id', customer.id), 1)
  })

  test('an order keeps the plan version and price it was created at', async ({ assert }) => {
    const plan = await starter()
    const customer = await createCustomer()
    const { agent } = await staffAgent('operations')
    const order = (await agent.post(ORDERS, { customer_id: customer.id, channel: 'bank_transfer', plan_id: Number(plan.id) })).body
    const { agent: admin } = await staffAgent('super_admin')
    const edited = await admin.patch(`/api/admin/plans/${plan.id}`, { prices: { USD: '11.90' } })
    assert.equal(edited.status, 200, edited.text)
    const after = (await agent.get(`${ORDERS}/${order.id}`)).body
    assert.equal(after.amount, '9.90')
    assert.equal(after.plan_version_id, Number(plan.current_version_id))
    const bought = await db.from('plan_versions').where('id', after.plan_version_id).first()
    assert.equal(bought.prices.USD, 990)
  })

  test('finance confirms with the bank reference: paid and credited once, in one transaction, audited', async ({ assert }) => {
    const plan = await starter()
    const customer = await createCustomer()
    const { agent: ops } = await staffAgent('operations')
    const order = (await ops.post(ORDERS, { customer_id: customer.id, channel: 'bank_transfer', plan_id: Number(plan.id) })).body
    const { agent: finance, staff } = await staffAgent('finance')
    const reply = await action(finance, order.id, 'confirm', { reference: 'BANK-REF-001' })
    assert.equal(reply.status, 200, reply.text)
    assert.include(reply.body.record, { status: 'PAID', channel_order_id: 'BANK-REF-001', confirmed_by: staff.id, operator_id: staff.id })
    const tx = await db.from('ledger_transactions').where('id', reply.body.record.paid_transaction_id).first()
    assert.include(tx, { type: 'recharge', idempotency_key: rechargeKey(order.id), reference_type: 'order', reference_id: String(order.id) })
    assert.equal(String(tx.amount), String(plan.grant_amount))
    assert.equal((await balances(customer.id)).cash, BigInt(plan.grant_amount))
    const [audit] = await auditRows({ resource: 'orders', record_id: String(order.id), action: 'confirm' })
    assert.equal(audit.actor_id, staff.id)
    assert.equal(audit.changes.after.status, 'PAID')

    const again = await action(finance, order.id, 'confirm', { reference: 'BANK-REF-001' })
    assert.equal(again.status, 409)
    assert.lengthOf(await db.from('ledger_transactions').where('reference_type', 'order').where('reference_id', String(order.id)), 1)
    await assertLedgerHolds(assert)
  })

  test('above the limit a second, different finance approver completes the confirmation; the same person is refused', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent: ops } = await staffAgent('operations')
    const order = (await ops.post(ORDERS, { customer_id: customer.id, channel: 'bank_transfer', amount: '5000.00', currency: 'USD', grant_amount: '5000' })).body
    const { agent: first, staff: firstStaff } = await staffAgent('finance')
    const { agent: second, staff: secondStaff } = await staffAgent('finance')

    const one = await action(first, order.id, 'confirm', { reference: 'WIRE-77' })
    assert.equal(one.status, 200, one.text)
    assert.match(one.body.message, /second finance approver/)
    assert.include(one.body.record, { status: 'PENDING', first_approver_id: firstStaff.id, first_approval_reference: 'WIRE-77', paid_transaction_id: null })
    assert.equal((await balances(customer.id)).cash, 0n)

    const same = await action(first, order.id, 'confirm', { reference: 'WIRE-77' })
    assert.equal(same.status, 403)
    assert.match(same.body.message, /different finance approver/)
    const mismatch = await action(second, order.id, 'confirm', { reference: 'WIRE-78' })
    assert.equal(mismatch.status, 422)
    assert.equal(mismatch.body.errors[0].field, 'reference')
    assert.equal((await balances(customer.id)).cash, 0n)

    const two = await action(second, order.id, 'confirm', { reference: 'WIRE-77' })
    assert.equal(two.status, 200, two.text)
    assert.include(two.body.record, { status: 'PAID', confirmed_by: secondStaff.id, first_approver_id: firstStaff.id })
    assert.equal((await balances(customer.id)).cash, units('5000'))
    const confirms = await auditRows({ resource: 'orders', record_id: String(order.id), action: 'confirm' })
    assert.deepEqual(confirms.map((r) => r.metadata.approval), [1, 2])
    await assertLedgerHolds(assert)
  })

  test('the person who created an order cannot confirm it; a bank reference settles one order only', async ({ assert }) => {
    const plan = await starter()
    const customer = await createCustomer()
    const { agent: admin } = await staffAgent('super_admin')
    const own = (await admin.post(ORDERS, { customer_id: customer.id, channel: 'cash', plan_id: Number(plan.id) })).body
    const refused = await action(admin, own.id, 'confirm', { reference: 'RCPT-1' })
    assert.equal(refused.status, 403)
    assert.match(refused.body.message, /another finance member/)

    const { agent: ops } = await staffAgent('operations')
    const a = (await ops.post(ORDERS, { customer_id: customer.id, channel: 'bank_transfer', plan_id: Number(plan.id) })).body
    const b = (await ops.post(ORDERS, { customer_id: customer.id, channel: 'bank_transfer', plan_id: Number(plan.id) })).body
    const { agent: finance } = await staffAgent('finance')
    assert.equal((await action(finance, a.id, 'confirm', { reference: 'SAME-REF' })).status, 200)
    const reused = await action(finance, b.id, 'confirm', { reference: 'SAME-REF' })
    assert.equal(reused.status, 409)
    assert.match(reused.body.message, new RegExp(a.number))
    assert.equal((await balances(customer.id)).cash, BigInt(plan.grant_amount))
    const missing = await action(finance, b.id, 'confirm', {})
    assert.equal(missing.status, 422)
    await assertLedgerHolds(assert)
  })

  test('each role can do only its part', async ({ assert }) => {
    const plan = await starter()
    const customer = await createCustomer()
    const { agent: ops } = await staffAgent('operations')
    const { agent: finance } = await staffAgent('finance')
    const { agent: support } = await staffAgent('support')
    const order = (await ops.post(ORDERS, { customer_id: customer.id, channel: 'cash', plan_id: Number(plan.id) })).body
    assert.equal((await action(ops, order.id, 'confirm', { reference: 'X-1' })).status, 403)
    assert.equal((await action(ops, order.id, 'backfill', { reason: 'try' })).status, 403)
    assert.equal((await finance.post(ORDERS, { customer_id: customer.id, channel: 'cash', plan_id: Number(plan.id) })).status, 403)
    assert.equal((await action(finance, order.id, 'close', { reason: 'not mine' })).status, 403)
    assert.equal((await action(support, order.id, 'lock', { reason: 'not mine' })).status, 403)
    assert.equal((await support.get(`${ORDERS}/${order.id}`)).status, 200)
    const denied = await auditRows({ action: 'access.denied', resource: 'orders' })
    assert.isAtLeast(denied.length, 5)
  })

  test('close, lock and unlock need a reason; a locked order is refused confirmation and closing', async ({ assert }) => {
    const plan = await starter()
    const customer = await createCustomer()
    const { agent: ops, staff } = await staffAgent('operations')
    const { agent: finance } = await staffAgent('finance')
    const order = (await ops.post(ORDERS, { customer_id: customer.id, channel: 'bank_transfer', plan_id: Number(plan.id) })).body
    assert.equal((await action(ops, order.id, 'lock', {})).status, 422)
    const locked = await action(ops, order.id, 'lock', { reason: 'Name on the transfer does not match' })
    assert.equal(locked.status, 200, locked.text)
    assert.include(locked.body.record, { locked: true, lock_reason: 'Name on the transfer does not match', locked_by: staff.id })
    assert.equal((await action(finance, order.id, 'confirm', { reference: 'R-9' })).status, 409)
    assert.equal((await action(ops, order.id, 'close', { reason: 'duplicate' })).status, 409)
    const unlocked = await action(ops, order.id, 'unlock', { reason: 'Checked with the customer' })
    assert.equal(unlocked.status, 200)
    assert.isFalse(unlocked.body.record.locked)
    const closed = await action(ops, order.id, 'close', { reason: 'Customer paid by card instead' })
    assert.equal(closed.status, 200, closed.text)
    assert.include(closed.body.record, { status: 'CANCELLED', failure_reason: 'Closed by staff: Customer paid by card instead' })
    assert.equal((await action(ops, order.id, 'close', { reason: 'again' })).status, 409)
    assert.equal((await action(finance, order.id, 'confirm', { reference: 'R-9' })).status, 409)
    const history = await auditRows({ resource: 'orders', record_id: String(order.id) })
    assert.deepEqual(history.map((r) => r.action), ['create', 'lock', 'unlock', 'close'])
    assert.equal(history[3].reason, 'Customer paid by card instead')
  })

  test('the console lists orders with filters and exports them', async ({ assert }) => {
    const customer = await createCustomer()
    await insertOrder(customer.id, { status: 'PAID', paid_at: new Date(), channel_order_id: 'LIST-REF-1' })
    await insertOrder(customer.id)
    const { agent } = await staffAgent('finance')
    const paid = await agent.get(`${ORDERS}?customer_id=${customer.id}&status=PAID`)
    assert.equal(paid.status, 200, paid.text)
    assert.equal(paid.headers.get('x-total-count'), '1')
    assert.equal(paid.body[0].channel_order_id, 'LIST-REF-1')
    const byRef = await agent.get(`${ORDERS}?channel_order_id_like=LIST-REF&amount_gte=9.90&created_at_gte=2020-01-01`)
    assert.equal(byRef.body.length, 1)
    const csv = await agent.get(`${ORDERS}/export?customer_id=${customer.id}`)
    assert.equal(csv.status, 200)
    assert.lengthOf(csvObjects(csv.text).rows, 2)
  })
})

test.group('Orders / back-fill', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a paid order without its recharge is credited by back-fill, and never twice', async ({ assert }) => {
    const customer = await createCustomer()
    const order = await insertOrder(customer.id, { status: 'PAID', paid_at: new Date(), channel_order_id: 'ORPHAN-1' })
    const { agent: finance, staff } = await staffAgent('finance')
    assert.equal((await action(finance, order.id, 'backfill', {})).status, 422, 'a reason is required')
    const reply = await action(finance, order.id, 'backfill', { reason: 'Webhook lost, paid per bank statement' })
    assert.equal(reply.status, 200, reply.text)
    assert.match(reply.body.message, /^Credited/)
    assert.include(reply.body.record, { status: 'PAID', operator_id: staff.id })
    assert.isNumber(reply.body.record.paid_transaction_id)
    assert.equal((await balances(customer.id)).cash, BigInt(order.grant_amount))

    const again = await action(finance, order.id, 'backfill', { reason: 'double click' })
    assert.equal(again.status, 409)
    assert.match(again.body.message, /Already credited/)
    assert.lengthOf(await db.from('ledger_transactions').where('idempotency_key', rechargeKey(order.id)), 1)
    assert.equal((await balances(customer.id)).cash, BigInt(order.grant_amount))
    await assertLedgerHolds(assert)
  })

  test('when the recharge exists but the link was lost, back-fill relinks it and posts nothing', async ({ assert }) => {
    const customer = await createCustomer()
    const order = await insertOrder(customer.id, { status: 'PAID', paid_at: new Date() })
    const { posted } = await db.transaction((trx) => creditOrder(trx, order, SYSTEM_ACTOR))
    await db.from('orders').where('id', order.id).update({ paid_transaction_id: null, credited_at: null })
    const { agent: finance } = await staffAgent('finance')
    const reply = await action(finance, order.id, 'backfill', { reason: 'Link lost in a repair' })
    assert.equal(reply.status, 200, reply.text)
    assert.match(reply.body.message, /already existed/)
    assert.equal(reply.body.record.paid_transaction_id, Number(posted.transaction.id))
    assert.equal((await balances(customer.id)).cash, BigInt(order.grant_amount))
    await assertLedgerHolds(assert)
  })

  test('back-fill refuses pending and locked orders', async ({ assert }) => {
    const customer = await createCustomer()
    const pending = await insertOrder(customer.id)
    const locked = await insertOrder(customer.id, { status: 'PAID', paid_at: new Date(), locked: true, lock_reason: 'Amount mismatch' })
    const { agent: finance } = await staffAgent('finance')
    assert.equal((await action(finance, pending.id, 'backfill', { reason: 'try' })).status, 409)
    const refused = await action(finance, locked.id, 'backfill', { reason: 'try' })
    assert.equal(refused.status, 409)
    assert.match(refused.body.message, /unlock it first/)
    assert.equal((await balances(customer.id)).cash, 0n)
  })
})

test.group('Orders / expiry', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('pending orders past their time are cancelled by the job; others are left alone', async ({ assert }) => {
    const customer = await createCustomer()
    const { staff } = await staffAgent('finance')
    const past = new Date(Date.now() - 60_000)
    const due = await insertOrder(customer.id, { expires_at: past })
    const notYet = await insertOrder(customer.id)
    const awaitingSecond = await insertOrder(customer.id, { expires_at: past, first_approver_id: staff.id, first_approved_at: new Date(), first_approval_reference: 'W-1' })
    const paid = await insertOrder(customer.id, { expires_at: past, status: 'PAID', paid_at: new Date() })
    await jobs.run('orders-expire')
    const status = async (o: any) => (await db.from('orders').where('id', o.id).first()).status
    assert.equal(await status(due), 'CANCELLED')
    assert.equal(await status(notYet), 'PENDING')
    assert.equal(await status(awaitingSecond), 'PENDING')
    assert.equal(await status(paid), 'PAID')
    const row = await db.from('orders').where('id', due.id).first()
    assert.equal(row.failure_reason, `Not paid within ${payments.offlineTimeoutMinutes} minutes`)
    const [audit] = await auditRows({ resource: 'orders', record_id: String(due.id), action: 'expire' })
    assert.equal(audit.actor_type, 'system')
    assert.deepEqual(audit.changes.after.status, 'CANCELLED')
    await jobs.run('orders-expire')
    assert.lengthOf(await auditRows({ resource: 'orders', record_id: String(due.id), action: 'expire' }), 1)
  })
})

test.group('Orders / portal', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a customer lists and reads only their own orders', async ({ assert }) => {
    const me = await createCustomer()
    const other = await createCustomer()
    const mine = await insertOrder(me.id, { status: 'PAID', paid_at: new Date() })
    await insertOrder(me.id)
    const theirs = await insertOrder(other.id)
    const agent = await new Agent().loginCustomer(me.email)

    const list = await agent.get('/api/portal/orders?_start=0&_end=10&_sort=created_at&_order=desc')
    assert.equal(list.status, 200, list.text)
    assert.equal(list.headers.get('x-total-count'), '2')
    assert.sameMembers(list.body.map((o: any) => o.number), [mine.number, (await db.from('orders').where('customer_id', me.id).whereNot('id', mine.id).first()).number])
    const paidOnly = await agent.get('/api/portal/orders?status=PAID')
    assert.equal(paidOnly.headers.get('x-total-count'), '1')
    assert.deepInclude(paidOnly.body[0], { id: mine.number, number: mine.number, status: 'PAID', amount: '9.90', currency: 'USD', credited: false })
    assert.notProperty(paidOnly.body[0], 'customer_id')

    assert.equal((await agent.get(`/api/portal/orders/${mine.number}`)).status, 200)
    assert.equal((await agent.get(`/api/portal/orders/${theirs.number}`)).status, 404)
    assert.equal((await agent.get('/api/portal/orders/not-a-number')).status, 404)
    assert.equal((await agent.get(`/api/portal/orders?customer_id=${other.id}`)).status, 400)
    assert.equal((await new Agent().get('/api/portal/orders')).status, 401)
  })
})
