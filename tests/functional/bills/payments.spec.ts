/**
 * A bill's life after generation (issue 12 §3): issue and send (notified), partial offline
 * payments to settled under the offline orders' four-eyes rule (the recorder cannot confirm),
 * overpayments refused before any order exists, void only while nothing is paid (the period is
 * then free), close and reopen, and the overdue rule: overdue → suspension → a payment that
 * settles lifts it. The ledger invariants hold after every test.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { staffAgent } from '#tests/support/agents'
import { auditRows } from '#tests/support/fixtures'
import { assertLedgerHolds, balances, units } from '#tests/support/ledger'
import type { Agent } from '#tests/support/agent'
import { markOverdueBills } from '#services/bills/jobs'
import { BIG, act, aroundNow, billRow, generate, postpaidOrg, useModels } from './bill_fixtures.js'

/** A postpaid organization that used 4.000000 on credit, and its bill (no tax, no discount) issued and sent. */
async function sentBill(finance: Agent, over: Record<string, unknown> = {}) {
  const org = await postpaidOrg({ tax_rate: '0', bill_discount_rate: '0', ...over })
  await useModels(org.id, [{ model: 'a', tokens: BIG }])
  const { bill } = await generate(org.id)
  if ((await act(finance, bill.id, 'issue')).status !== 200) throw new Error('issue failed')
  if ((await act(finance, bill.id, 'send')).status !== 200) throw new Error('send failed')
  return { org, billId: Number(bill.id) }
}

/** Records an offline payment (as `recorder`) and confirms it (as `confirmer`). */
async function pay(recorder: Agent, confirmer: Agent, billId: number, amount: string, reference: string) {
  const recorded = await act(recorder, billId, 'record_offline_payment', { amount, channel: 'bank_transfer', reference })
  if (recorded.status !== 200) throw new Error(`record failed: ${recorded.status} ${recorded.text}`)
  const orderId = recorded.body.result.order_id
  const confirmed = await confirmer.post(`/api/admin/orders/${orderId}/actions/confirm`, { reference })
  return { orderId, confirmed }
}

test.group('Bills / lifecycle and payments', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('issue fixes the due date and notifies; send asks for payment', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const org = await postpaidOrg({ tax_rate: '0', bill_discount_rate: '0', payment_terms_days: 10 })
    await useModels(org.id, [{ model: 'a', tokens: BIG }])
    const { bill } = await generate(org.id)
    assert.equal((await act(agent, bill.id, 'send')).status, 409)
    const issued = await act(agent, bill.id, 'issue')
    assert.equal(issued.status, 200, issued.text)
    let row = await billRow(bill.id)
    assert.equal(row.status, 'issued')
    assert.closeTo(new Date(row.due_at).getTime() - new Date(row.issued_at).getTime(), 10 * 86_400_000, 1000)
    assert.equal((await act(agent, bill.id, 'issue')).status, 409)
    assert.equal((await act(agent, bill.id, 'send')).status, 200)
    row = await billRow(bill.id)
    assert.equal(row.status, 'awaiting_payment')
    assert.isNotNull(row.sent_at)
    const kinds = (await db.from('notifications').where('customer_id', org.id).orderBy('id')).map((n) => n.kind)
    assert.deepEqual(kinds, ['bill_issued', 'bill_sent'])
    assert.lengthOf(await auditRows({ resource: 'bills', record_id: String(bill.id), action: 'issue' }), 1)
  })

  test('partial offline payments reach settled; the recorder cannot confirm; overpaying is refused before any order', async ({ assert }) => {
    const { agent: a } = await staffAgent('finance')
    const { agent: b } = await staffAgent('finance')
    const { org, billId } = await sentBill(a)
    assert.equal((await balances(org.id)).cash, -units('4'))

    const over = await act(a, billId, 'record_offline_payment', { amount: '4.000001', channel: 'bank_transfer', reference: 'BANK-X' })
    assert.equal(over.status, 422, over.text)
    assert.equal(Number((await db.from('orders').where('customer_id', org.id).count('* as n').first())!.n), 0)

    const first = await pay(a, a, billId, '1.5', 'BANK-1')
    assert.equal(first.confirmed.status, 403, first.confirmed.text)
    assert.equal((await db.from('orders').where('id', first.orderId).first()).status, 'PENDING')
    const byB = await b.post(`/api/admin/orders/${first.orderId}/actions/confirm`, { reference: 'BANK-1' })
    assert.equal(byB.status, 200, byB.text)
    let bill = await billRow(billId)
    assert.include(bill, { status: 'partially_paid', paid: String(units('1.5')) })
    assert.equal((await balances(org.id)).cash, -units('2.5'))
    const [payment] = await db.from('bill_payments').where('bill_id', billId)
    assert.equal(payment.amount, String(units('1.5')))
    assert.equal(String(payment.order_id), String(first.orderId))

    const second = await pay(b, a, billId, '2.5', 'BANK-2')
    assert.equal(second.confirmed.status, 200, second.confirmed.text)
    bill = await billRow(billId)
    assert.include(bill, { status: 'settled', paid: String(units('4')) })
    assert.isNotNull(bill.settled_at)
    assert.equal((await balances(org.id)).cash, 0n)
    assert.equal((await act(a, billId, 'record_offline_payment', { amount: '1', channel: 'cash', reference: 'R-3' })).status, 409)
    assert.equal(Number((await db.from('orders').where('customer_id', org.id).count('* as n').first())!.n), 2)
    await assertLedgerHolds(assert)
  })

  test('two payments of the whole amount both arrive: the bill takes what it asked, the rest stays in the wallet', async ({ assert }) => {
    const { agent: a } = await staffAgent('finance')
    const { agent: b } = await staffAgent('finance')
    const { org, billId } = await sentBill(a)
    const first = await act(a, billId, 'record_offline_payment', { amount: '4', channel: 'bank_transfer', reference: 'BANK-D1' })
    const second = await act(a, billId, 'record_offline_payment', { amount: '4', channel: 'cash', reference: 'CASH-D2' })
    assert.equal((await b.post(`/api/admin/orders/${first.body.result.order_id}/actions/confirm`, { reference: 'BANK-D1' })).status, 200)
    assert.equal((await b.post(`/api/admin/orders/${second.body.result.order_id}/actions/confirm`, { reference: 'CASH-D2' })).status, 200)
    assert.include(await billRow(billId), { status: 'settled', paid: String(units('4')) })
    assert.lengthOf(await db.from('bill_payments').where('bill_id', billId), 1)
    assert.equal((await balances(org.id)).cash, units('4'))
    await assertLedgerHolds(assert)
  })

  test('void only while nothing is paid; a voided bill frees its period; close and reopen are audited', async ({ assert }) => {
    const { agent: a } = await staffAgent('finance')
    const { agent: b } = await staffAgent('finance')
    const { billId } = await sentBill(a)
    assert.equal((await act(a, billId, 'void', {})).status, 422)
    const pending = await act(a, billId, 'record_offline_payment', { amount: '1', channel: 'bank_transfer', reference: 'BANK-P' })
    assert.equal((await act(a, billId, 'void', { reason: 'wrong period' })).status, 409)
    await b.post(`/api/admin/orders/${pending.body.result.order_id}/actions/confirm`, { reference: 'BANK-P' })
    const refused = await act(a, billId, 'void', { reason: 'wrong period' })
    assert.equal(refused.status, 409, refused.text)
    assert.equal((await billRow(billId)).status, 'partially_paid')

    const closed = await act(a, billId, 'close', { reason: 'written off after negotiation' })
    assert.equal(closed.status, 200, closed.text)
    assert.equal((await billRow(billId)).status, 'closed')
    assert.equal((await act(a, billId, 'record_offline_payment', { amount: '1', channel: 'cash', reference: 'R-9' })).status, 409)
    const reopened = await act(a, billId, 'reopen', { reason: 'customer agreed to pay' })
    assert.equal(reopened.status, 200, reopened.text)
    assert.equal((await billRow(billId)).status, 'partially_paid')
    const [audit] = await auditRows({ resource: 'bills', record_id: String(billId), action: 'reopen' })
    assert.equal(audit.reason, 'customer agreed to pay')

    const org2 = await postpaidOrg({ tax_rate: '0', bill_discount_rate: '0' })
    await useModels(org2.id, [{ model: 'a', tokens: BIG }])
    const period = aroundNow()
    const { bill: draft } = await generate(org2.id, period)
    const voided = await act(a, draft.id, 'void', { reason: 'generated by mistake' })
    assert.equal(voided.status, 200, voided.text)
    assert.include(await billRow(draft.id), { status: 'voided', void_reason: 'generated by mistake' })
    const again = await generate(org2.id, period)
    assert.equal(again.outcome, 'created')
    assert.notEqual(again.bill.id, draft.id)
    await assertLedgerHolds(assert)
  })

  test('issuing posts the discount and the tax: paying the amount due settles the wallet exactly; voiding reverses them', async ({ assert }) => {
    const { agent: a } = await staffAgent('finance')
    const { agent: b } = await staffAgent('finance')
    const taxPayable = async () => BigInt((await db.from('ledger_accounts').where({ owner_type: 'system', code: 'tax_payable' }).sum('balance as s').first())?.s ?? 0)
    const taxBefore = await taxPayable()
    const { org, billId } = await sentBill(a, { tax_rate: '6', bill_discount_rate: '10' })
    const bill = await billRow(billId)
    // 4.000000 − 10 % = 3.600000; tax 6 % = 0.216000; due 3.816000
    assert.include(bill, { discount: String(units('0.4')), tax: String(units('0.216')), amount_due: String(units('3.816')) })
    assert.equal((await balances(org.id)).cash, -units('3.816'))
    assert.equal((await taxPayable()) - taxBefore, units('0.216'))
    assert.equal((await pay(a, b, billId, '3.816', 'BANK-T')).confirmed.status, 200)
    assert.equal((await billRow(billId)).status, 'settled')
    assert.equal((await balances(org.id)).cash, 0n)

    const other = await sentBill(a, { tax_rate: '6', bill_discount_rate: '10' })
    const voided = await act(a, other.billId, 'void', { reason: 'billed on the wrong terms' })
    assert.equal(voided.status, 200, voided.text)
    assert.equal((await balances(other.org.id)).cash, -units('4'))
    assert.equal((await taxPayable()) - taxBefore, units('0.216'))
    const reversals = await db.from('ledger_transactions').where({ customer_id: other.org.id, type: 'reversal' })
    assert.lengthOf(reversals, 2)
    await assertLedgerHolds(assert)
  })

  test('overdue → suspension → a payment that settles lifts it (a partial one does not)', async ({ assert }) => {
    const { agent: a } = await staffAgent('finance')
    const { agent: b } = await staffAgent('finance')
    const { org, billId } = await sentBill(a, { overdue_suspend_days: 7 })
    await db.from('bills').where('id', billId).update({ due_at: new Date(Date.now() - 3 * 86_400_000) })
    await markOverdueBills()
    assert.isNotNull((await billRow(billId)).overdue_at)
    assert.isNull((await db.from('customers').where('id', org.id).first()).billing_suspended_at)

    await db.from('bills').where('id', billId).update({ due_at: new Date(Date.now() - 8 * 86_400_000) })
    await markOverdueBills()
    const suspended = await db.from('customers').where('id', org.id).first()
    assert.isNotNull(suspended.billing_suspended_at)
    assert.match(suspended.billing_suspended_reason, /^Overdue bill B/)
    assert.lengthOf(await auditRows({ resource: 'users', record_id: String(org.id), action: 'billing_suspension' }), 1)
    await markOverdueBills()
    assert.lengthOf(await auditRows({ resource: 'users', record_id: String(org.id), action: 'billing_suspension' }), 1)
    const kinds = (await db.from('notifications').where('customer_id', org.id).orderBy('id')).map((n) => n.kind)
    assert.includeMembers(kinds, ['bill_overdue', 'billing_suspended'])

    assert.equal((await pay(a, b, billId, '1', 'BANK-O1')).confirmed.status, 200)
    assert.isNotNull((await db.from('customers').where('id', org.id).first()).billing_suspended_at)
    assert.equal((await pay(b, a, billId, '3', 'BANK-O2')).confirmed.status, 200)
    const lifted = await db.from('customers').where('id', org.id).first()
    assert.isNull(lifted.billing_suspended_at)
    assert.isNull(lifted.billing_suspended_reason)
    assert.equal((await billRow(billId)).status, 'settled')
    assert.lengthOf(await auditRows({ resource: 'users', record_id: String(org.id), action: 'billing_suspension.lift' }), 1)
    await assertLedgerHolds(assert)
  })

  test('closing the only overdue bill lifts the suspension it caused', async ({ assert }) => {
    const { agent: a } = await staffAgent('finance')
    const { org, billId } = await sentBill(a, { overdue_suspend_days: 0 })
    await db.from('bills').where('id', billId).update({ due_at: new Date(Date.now() - 3600_000) })
    await markOverdueBills()
    assert.isNotNull((await db.from('customers').where('id', org.id).first()).billing_suspended_at)
    assert.equal((await act(a, billId, 'close', { reason: 'written off' })).status, 200)
    assert.isNull((await db.from('customers').where('id', org.id).first()).billing_suspended_at)
  })
})
