/**
 * Cash adjustments under maker-checker: finance requests a credit or debit of a customer's cash, a
 * different finance member approves (one `cash_adjustment` transaction, signed) or rejects (nothing
 * posted). The maker can never approve, a super_admin included; two approvers at once post once; a
 * debit that would overdraw cash is refused. Ledger invariants are checked after every test.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { Agent } from '#tests/support/agent'
import { committedCustomers, createCustomer } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, fundCash, units } from '#tests/support/ledger'
import { customerSign } from '#contract/ledger_types'
import { owner } from '#tests/support/owner'
import { staffAgent } from '#tests/support/agents'

const requestOn = (agent: Agent, customerId: number, body: Record<string, unknown>, key = randomUUID()) =>
  agent.post(`/api/admin/users/${customerId}/actions/request_cash_adjustment`, body, { 'idempotency-key': key })
const approve = (agent: Agent, id: number) => agent.post(`/api/admin/cash-adjustments/${id}/actions/approve`, {})
const reject = (agent: Agent, id: number, reason = 'No ticket for this') => agent.post(`/api/admin/cash-adjustments/${id}/actions/reject`, { reason })
const adjustment = (id: number) => db.from('cash_adjustments').where('id', id).first()
const credit = { direction: 'credit', amount: '25.50', reference: 'TICKET-1042', reason: 'Paid by bank transfer outside the portal' }

test.group('Cash adjustments / maker-checker', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('finance requests a credit; the maker cannot approve; a second finance member approves: cash +, signed in the ledger, audited', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent: maker, staff: makerStaff } = await staffAgent('finance')
    const { agent: checker, staff: checkerStaff } = await staffAgent('finance')

    const requested = await requestOn(maker, customer.id, credit)
    assert.equal(requested.status, 200, requested.text)
    const id = requested.body.result.adjustment_id
    assert.deepInclude(await adjustment(id), { status: 'PENDING', direction: 'credit', reference: 'TICKET-1042' })
    assert.equal((await balances(customer.id)).cash, 0n, 'nothing moves before approval')
    // (in a savepoint: the refusal must not abort the test's transaction)
    await assert.rejects(() => db.transaction((trx) => trx.from('cash_adjustments').where('id', id).update({ amount: '99000000' })), /cannot change once requested/)

    const self = await approve(maker, id)
    assert.equal(self.status, 403, self.text)
    assert.include(self.body.message, 'another finance member')
    const selfZh = await maker.post(`/api/admin/cash-adjustments/${id}/actions/approve`, {}, { 'accept-language': 'zh-CN' })
    assert.equal(selfZh.body.message, '这笔余额调整由你发起，你不能批准：需由另一位财务人员复核（双人复核）')

    const ok = await approve(checker, id)
    assert.equal(ok.status, 200, ok.text)
    const row = await adjustment(id)
    assert.equal(row.status, 'APPROVED')
    assert.equal(Number(row.approved_by), checkerStaff.id)
    assert.equal((await balances(customer.id)).cash, units('25.5'))

    const tx = await db.from('ledger_transactions').where('id', row.ledger_transaction_id).first()
    assert.equal(tx.type, 'cash_adjustment')
    assert.equal(customerSign(tx.type, String(tx.amount)), 1)
    const ledger = await checker.get(`/api/admin/ledger-transactions?customer_id=${customer.id}`)
    assert.deepEqual(ledger.body.map((r: any) => [r.type, r.amount]), [['cash_adjustment', '25.500000']])

    const trail = await db.from('audit_logs').where({ resource: 'cash-adjustments', record_id: String(id) }).orderBy('id')
    assert.deepEqual(trail.map((r) => [r.action, Number(r.actor_id)]), [
      ['request', makerStaff.id],
      ['approve', checkerStaff.id],
    ])
    assert.equal(trail[1].metadata.transactionId, Number(tx.id))
    assert.deepEqual(trail[1].changes.after.status, 'APPROVED')

    assert.equal((await approve(checker, id)).status, 409, 'approved once')
    await assertLedgerHolds(assert)
  })

  test('a super_admin who requested cannot approve either; operations and support can neither request nor approve', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent: admin } = await staffAgent('super_admin')
    const id = (await requestOn(admin, customer.id, credit)).body.result.adjustment_id
    assert.equal((await approve(admin, id)).status, 403)
    assert.equal((await reject(admin, id)).status, 403)
    for (const role of ['operations', 'support']) {
      const { agent } = await staffAgent(role)
      assert.equal((await requestOn(agent, customer.id, credit)).status, 403, role)
      assert.equal((await approve(agent, id)).status, 403, role)
    }
    // the database refuses it too, whatever code runs
    const row = await adjustment(id)
    await assert.rejects(
      () => db.from('cash_adjustments').where('id', id).update({ status: 'REJECTED', rejected_by: row.requested_by, rejected_at: new Date(), rejection_reason: 'x' }),
      /cash_adjustments_maker_is_not_checker/
    )
  })

  test('a debit takes cash away (− in the ledger); one that would overdraw is refused at request and at approval', async ({ assert }) => {
    const customer = await createCustomer()
    await fundCash(customer.id, '30')
    const { agent: maker } = await staffAgent('finance')
    const { agent: checker } = await staffAgent('finance')

    const tooMuch = await requestOn(maker, customer.id, { ...credit, direction: 'debit', amount: '30.01' })
    assert.equal(tooMuch.status, 409, tooMuch.text)
    assert.equal(tooMuch.body.message, "The customer's cash balance is $30.00: a debit of $30.01 would overdraw it")

    const id = (await requestOn(maker, customer.id, { ...credit, direction: 'debit', amount: '20' })).body.result.adjustment_id
    const other = (await requestOn(maker, customer.id, { ...credit, direction: 'debit', amount: '15' })).body.result.adjustment_id
    assert.equal((await approve(checker, id)).status, 200)
    assert.equal((await balances(customer.id)).cash, units('10'))
    const tx = await db.from('ledger_transactions').where('id', (await adjustment(id)).ledger_transaction_id).first()
    assert.equal(customerSign(tx.type, String(tx.amount)), -1)

    // the second debit no longer fits: refused, still pending, nothing posted
    const overdraw = await approve(checker, other)
    assert.equal(overdraw.status, 409, overdraw.text)
    assert.equal((await adjustment(other)).status, 'PENDING')
    assert.equal((await balances(customer.id)).cash, units('10'))

    // the list's rows and total are signed: debits count against cash
    const list = await checker.get(`/api/admin/cash-adjustments?customer_id=${customer.id}&_sort=id&_order=asc`)
    assert.deepEqual(list.body.map((r: any) => r.net_amount), ['-20.000000', '-15.000000'])
    const summary = await checker.get(`/api/admin/cash-adjustments/summary?customer_id=${customer.id}&status=APPROVED`)
    assert.equal(summary.status, 200, summary.text)
    assert.deepEqual(summary.body.totals.net_amount, [{ currency: 'USD', amount: '-20.000000' }])
    await assertLedgerHolds(assert)
  })

  test('a rejected adjustment posts nothing and keeps the reviewer and reason; it cannot be approved afterwards', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent: maker } = await staffAgent('finance')
    const { agent: checker, staff: checkerStaff } = await staffAgent('finance')
    const id = (await requestOn(maker, customer.id, credit)).body.result.adjustment_id
    const before = await db.from('ledger_transactions').where('customer_id', customer.id).count('* as n')

    assert.equal((await checker.post(`/api/admin/cash-adjustments/${id}/actions/reject`, {})).status, 422, 'a reason is required')
    const rejected = await reject(checker, id)
    assert.equal(rejected.status, 200, rejected.text)
    const row = await adjustment(id)
    assert.deepInclude(row, { status: 'REJECTED', rejection_reason: 'No ticket for this', ledger_transaction_id: null })
    assert.equal(Number(row.rejected_by), checkerStaff.id)
    assert.equal((await approve(checker, id)).status, 409)
    // the database keeps a reviewed adjustment final, whatever code runs
    await assert.rejects(() => db.transaction((trx) => trx.from('cash_adjustments').where('id', id).update({ rejection_reason: 'rewritten' })), /can no longer change/)
    assert.deepEqual(await db.from('ledger_transactions').where('customer_id', customer.id).count('* as n'), before)
    assert.equal((await balances(customer.id)).cash, 0n)
    await assertLedgerHolds(assert)
  })

  test('requests: one per Idempotency-Key, bad input is a 422 naming the field, the collection action names the customer', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent } = await staffAgent('finance')
    const key = randomUUID()
    const first = await requestOn(agent, customer.id, credit, key)
    const again = await requestOn(agent, customer.id, credit, key)
    assert.equal(again.status, 200, again.text)
    assert.equal(again.body.result.adjustment_id, first.body.result.adjustment_id)
    assert.equal((await requestOn(agent, customer.id, { ...credit, amount: '1' }, key)).status, 409)
    assert.lengthOf(await db.from('cash_adjustments').where('customer_id', customer.id), 1)

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...credit, amount: '0' }, 'amount'],
      [{ ...credit, amount: '-3' }, 'amount'],
      [{ ...credit, amount: '1.1234567' }, 'amount'],
      [{ ...credit, direction: 'sideways' }, 'direction'],
      [{ ...credit, reference: '' }, 'reference'],
      [{ ...credit, reason: '' }, 'reason'],
    ]
    for (const [body, field] of cases) {
      const reply = await requestOn(agent, customer.id, body)
      assert.equal(reply.status, 422, `${JSON.stringify(body)}: ${reply.text}`)
      assert.equal(reply.body.errors[0].field, field)
    }
    const collection = await agent.post('/api/admin/cash-adjustments/actions/request', { ...credit, customer_id: customer.id }, { 'idempotency-key': randomUUID() })
    assert.equal(collection.status, 200, collection.text)
    const missing = await agent.post('/api/admin/cash-adjustments/actions/request', { ...credit, customer_id: 99999999 })
    assert.equal(missing.status, 404, missing.text)
    assert.lengthOf(await db.from('cash_adjustments').where('customer_id', customer.id), 2)
  })
})

test.group('Cash adjustments / concurrency (committed rows)', (group) => {
  const committed = committedCustomers()
  const created: number[] = []
  const committedCustomer = async () => {
    const customer = await committed.create()
    created.push(customer.id)
    return customer
  }
  group.teardown(async () => {
    // adjustments refer to the customers removeCommitted() deletes; only the owner may delete them
    await owner().from('cash_adjustments').whereIn('customer_id', created).delete()
    await committed.removeCommitted()
  })

  test('two (and six) finance members approve at once: one posting, the others 409', async ({ assert }) => {
    const customer = await committedCustomer()
    const { agent: maker } = await staffAgent('finance')
    const id = (await requestOn(maker, customer.id, credit)).body.result.adjustment_id
    const checkers = await Promise.all(Array.from({ length: 6 }, () => staffAgent('finance')))
    const replies = await Promise.all(checkers.map(({ agent }) => approve(agent, id)))
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409])
    assert.lengthOf(await db.from('ledger_transactions').where({ type: 'cash_adjustment', reference_id: String(id) }), 1)
    // the record stays: the app role may not delete an adjustment
    await assert.rejects(() => db.from('cash_adjustments').where('id', id).delete(), /permission denied/)
    assert.equal((await balances(customer.id)).cash, units('25.5'))
    await assertLedgerHolds(assert)
  })

  test('concurrent debits cannot overdraw: of three approvals of 20 against 50, two post', async ({ assert }) => {
    const customer = await committedCustomer()
    await fundCash(customer.id, '50')
    const { agent: maker } = await staffAgent('finance')
    const { agent: checker } = await staffAgent('finance')
    const ids: number[] = []
    for (let i = 0; i < 3; i++) ids.push((await requestOn(maker, customer.id, { ...credit, direction: 'debit', amount: '20' })).body.result.adjustment_id)
    const replies = await Promise.all(ids.map((id) => approve(checker, id)))
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 200, 409])
    assert.equal((await balances(customer.id)).cash, units('10'))
    await assertLedgerHolds(assert)
  })
})
