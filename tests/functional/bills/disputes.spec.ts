/**
 * Disputes end in credit notes, never edits (issue 12 §3): the credit reverses usage revenue to
 * the organization (arrears first), the bill's lines stay as issued and only `credited` rises;
 * amounts beyond what a line can still be credited are refused with nothing written; a refund
 * pays the credit out to the refunds account only when nothing is outstanding. Reconciliation
 * records a mismatch between a bill and the ledger as a finding, once.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { staffAgent } from '#tests/support/agents'
import { assertLedgerHolds, balances, units } from '#tests/support/ledger'
import type { Agent } from '#tests/support/agent'
import { BIG, BILLS, act, billRow, generate, postpaidOrg, useModels } from './bill_fixtures.js'

const DISPUTES = '/api/admin/bill-disputes'
const owed = async (orgId: number) => -BigInt((await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: orgId, code: 'arrears' }).first())?.balance ?? 0)

/** A sent bill of 8.000000 on two lines (4 + 4), no tax or discount. */
async function sentBill(finance: Agent, creditLimit = '1000') {
  const org = await postpaidOrg({ tax_rate: '0', bill_discount_rate: '0' }, creditLimit)
  const models = await useModels(org.id, [
    { model: 'a', tokens: BIG },
    { model: 'b', tokens: BIG },
  ])
  const { bill } = await generate(org.id)
  await act(finance, bill.id, 'issue')
  await act(finance, bill.id, 'send')
  const lines = await db.from('bill_lines').where('bill_id', bill.id).orderBy('position')
  const lineA = lines.find((l) => Number(l.model_id) === models.a.id)!
  return { org, billId: Number(bill.id), lines, lineA }
}

async function openDispute(finance: Agent, billId: number, lineId: number, amount: string) {
  const reply = await act(finance, billId, 'open_dispute', { bill_line_id: Number(lineId), amount, reason: 'Requests failed upstream' })
  if (reply.status !== 200) throw new Error(`open_dispute: ${reply.status} ${reply.text}`)
  return reply.body.result.dispute_id as number
}

test.group('Bills / disputes and credit notes', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a credit note to the wallet: exact balance, bill lines unchanged, only credited rises', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const { org, billId, lines, lineA } = await sentBill(agent)
    const before = await billRow(billId)
    const disputeId = await openDispute(agent, billId, Number(lineA.id), '1.5')
    const reply = await agent.post(`${DISPUTES}/${disputeId}/actions/credit`, { amount: '1.5', settlement: 'wallet', reason: 'Upstream outage on the 3rd' })
    assert.equal(reply.status, 200, reply.text)

    const [note] = await db.from('credit_notes').where('bill_id', billId)
    assert.include(note, { amount: String(units('1.5')), settlement: 'wallet', org_id: String(org.id) })
    assert.match(note.number, /^CN\d{6}-\d{6}$/)
    const posting = await db.from('ledger_transactions').where('id', note.ledger_transaction_id).first()
    assert.include(posting, { type: 'credit_note', idempotency_key: `credit_note:${note.id}`, amount: String(units('1.5')) })
    assert.equal((await balances(org.id)).cash, -units('8') + units('1.5'))

    assert.deepEqual(await db.from('bill_lines').where('bill_id', billId).orderBy('position'), lines)
    const after = await billRow(billId)
    assert.equal(after.credited, String(units('1.5')))
    for (const field of ['subtotal', 'total', 'amount_due', 'paid', 'status', 'number']) assert.equal(after[field], before[field], field)
    assert.equal((await db.from('bill_disputes').where('id', disputeId).first()).status, 'credited')
    assert.equal((await agent.post(`${DISPUTES}/${disputeId}/actions/credit`, { amount: '1', settlement: 'wallet', reason: 'again' })).status, 409)

    const doc = await agent.get(`${BILLS}/${billId}/document`)
    assert.equal(doc.status, 200)
    assert.include(doc.body.totals, { credited: '1.500000', outstanding: '6.500000', amountDue: '8.000000' })
    assert.equal(doc.body.customer.name, '测试科技有限公司')
    assert.lengthOf(doc.body.creditNotes, 1)
    await assertLedgerHolds(assert)
  })

  test('more than a line can still be credited is refused with nothing written; reject leaves money alone', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const { billId, lineA } = await sentBill(agent)
    const first = await openDispute(agent, billId, Number(lineA.id), '3')
    await agent.post(`${DISPUTES}/${first}/actions/credit`, { amount: '3', settlement: 'wallet', reason: 'outage' })
    const tooMuch = await act(agent, billId, 'open_dispute', { bill_line_id: Number(lineA.id), amount: '1.000001', reason: 'more' })
    assert.equal(tooMuch.status, 422, tooMuch.text)
    const second = await openDispute(agent, billId, Number(lineA.id), '1')
    const disputes = Number((await db.from('bill_disputes').count('* as n').first())!.n)
    const transactions = Number((await db.from('ledger_transactions').count('* as n').first())!.n)
    for (const body of [
      { amount: '1.000001', settlement: 'wallet', reason: 'x y z' },
      { amount: '0', settlement: 'wallet', reason: 'x y z' },
      { amount: '-1', settlement: 'wallet', reason: 'x y z' },
      { amount: '1', settlement: 'cheque', reason: 'x y z' },
      { amount: '1', settlement: 'refund', reason: 'x y z' },
      { amount: '1', settlement: 'wallet' },
    ]) {
      const reply = await agent.post(`${DISPUTES}/${second}/actions/credit`, body)
      assert.oneOf(reply.status, [409, 422], `${JSON.stringify(body)} → ${reply.status} ${reply.text}`)
    }
    assert.equal(Number((await db.from('credit_notes').where('bill_id', billId).count('* as n').first())!.n), 1)
    assert.equal(Number((await db.from('ledger_transactions').count('* as n').first())!.n), transactions)
    const wrongLine = await act(agent, billId, 'open_dispute', { bill_line_id: 999999999, amount: '1', reason: 'nope' })
    assert.oneOf(wrongLine.status, [404, 422])
    assert.equal(Number((await db.from('bill_disputes').count('* as n').first())!.n), disputes)
    const rejected = await agent.post(`${DISPUTES}/${second}/actions/reject`, { reason: 'Requests succeeded' })
    assert.equal(rejected.status, 200, rejected.text)
    assert.equal((await db.from('bill_disputes').where('id', second).first()).status, 'rejected')
    assert.equal(Number((await db.from('ledger_transactions').count('* as n').first())!.n), transactions)
    await assertLedgerHolds(assert)
  })

  test('a credit settles arrears first; a refund pays out only once nothing is outstanding', async ({ assert }) => {
    const { agent: a } = await staffAgent('finance')
    const { agent: b } = await staffAgent('finance')
    const { org, billId, lineA } = await sentBill(a, '6')
    assert.equal(await owed(org.id), units('2'))
    assert.equal((await billRow(billId)).arrears, String(units('2')))
    const d1 = await openDispute(a, billId, Number(lineA.id), '1.5')
    assert.equal((await a.post(`${DISPUTES}/${d1}/actions/credit`, { amount: '1.5', settlement: 'wallet', reason: 'outage' })).status, 200)
    assert.equal(await owed(org.id), units('0.5'))
    assert.equal((await balances(org.id)).cash, -units('6'))

    const recorded = await act(a, billId, 'record_offline_payment', { amount: '6.5', channel: 'bank_transfer', reference: 'BANK-R' })
    assert.equal((await b.post(`/api/admin/orders/${recorded.body.result.order_id}/actions/confirm`, { reference: 'BANK-R' })).status, 200)
    assert.equal((await billRow(billId)).status, 'settled')
    assert.equal(await owed(org.id), 0n)
    assert.equal((await balances(org.id)).cash, 0n)

    const d2 = await openDispute(a, billId, Number(lineA.id), '1')
    const refunds = async () => (await db.from('ledger_accounts').where({ owner_type: 'system', code: 'refunds' }).sum('balance as s').first())?.s ?? 0
    const refundsBefore = BigInt(await refunds())
    const refunded = await a.post(`${DISPUTES}/${d2}/actions/credit`, { amount: '1', settlement: 'refund', reason: 'refund agreed' })
    assert.equal(refunded.status, 200, refunded.text)
    const [, note] = await db.from('credit_notes').where('bill_id', billId).orderBy('id')
    const types = (await db.from('ledger_transactions').where('reference_type', 'credit_note').where('reference_id', String(note.id)).orderBy('id')).map((t) => t.type)
    assert.deepEqual(types, ['credit_note', 'credit_note_refund'])
    assert.equal((await balances(org.id)).cash, 0n)
    assert.equal(BigInt(await refunds()) - refundsBefore, units('1'))
    assert.include(await billRow(billId), { status: 'settled', credited: String(units('2.5')) })
    await assertLedgerHolds(assert)
  })

  test('reconciliation: usage, cost and ledger agree; a bill that no longer matches its ledger is a finding, recorded once', async ({ assert }) => {
    const { agent } = await staffAgent('finance')
    const { billId, lineA } = await sentBill(agent)
    const clean = await agent.get(`${BILLS}/${billId}/reconciliation`)
    assert.equal(clean.status, 200, clean.text)
    assert.include(clean.body, { usage_charged: '8.000000', provider_cost: '4.000000', ledger_posted: '8.000000', difference: '0.000000' })
    assert.deepEqual(clean.body.findings, [])

    await db.from('bill_lines').where('id', lineA.id).update({ amount: String(units('4.5')) })
    await db.from('bills').where('id', billId).update({ subtotal: String(units('8.5')) })
    const found = await agent.get(`${BILLS}/${billId}/reconciliation`)
    assert.equal(found.status, 200, found.text)
    assert.equal(found.body.difference, '0.500000')
    assert.lengthOf(found.body.findings, 1)
    assert.include(found.body.findings[0], { check: 'bill_vs_ledger', expected: '8.000000', actual: '8.500000', status: 'OPEN' })
    const row = await db.from('reconciliation_findings').where('id', found.body.findings[0].id).first()
    assert.include(row, { kind: 'bill_mismatch', subject_type: 'bill', subject_id: String(billId) })
    const again = await agent.get(`${BILLS}/${billId}/reconciliation`)
    assert.equal(again.body.findings[0].id, found.body.findings[0].id)
    assert.equal(Number((await db.from('reconciliation_findings').where('subject_id', String(billId)).where('kind', 'bill_mismatch').count('* as n').first())!.n), 1)
    await db.from('bill_lines').where('id', lineA.id).update({ amount: String(units('4')) })
    await db.from('bills').where('id', billId).update({ subtotal: String(units('8')) })
    const fixed = await agent.get(`${BILLS}/${billId}/reconciliation`)
    assert.deepEqual(fixed.body.findings, [])
    assert.equal((await db.from('reconciliation_findings').where('id', found.body.findings[0].id).first()).status, 'REPAIRED')
    const { agent: ops } = await staffAgent('operations')
    assert.equal((await ops.get(`${BILLS}/${billId}/reconciliation`)).status, 403)
    assert.equal((await ops.get(`${BILLS}/${billId}/document`)).status, 200)
  })
})
