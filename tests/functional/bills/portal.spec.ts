/**
 * Bills in the portal (issue 12 §3, QUALITY 14, 21): every endpoint acts in the account the
 * request names with its role's capability — another organization's bill is a 404 by id, a draft
 * is never shown, a role without bills.view is refused; disputes and payments refuse bad input
 * with nothing written; statements of a prepaid account come from its ledger.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { Agent } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { staffAgent } from '#tests/support/agents'
import { assertLedgerHolds, fundCash, fundGift, units } from '#tests/support/ledger'
import { ACTING_ORG_HEADER } from '#contract/orgs'
import { BIG, SMALL, act, generate, postpaidOrg, useModels } from './bill_fixtures.js'

const month = () => new Date().toISOString().slice(0, 7)

async function issuedBillOf(finance: Agent) {
  const org = await postpaidOrg({ tax_rate: '0', bill_discount_rate: '0' })
  await useModels(org.id, [{ model: 'a', tokens: BIG }])
  const { bill } = await generate(org.id)
  await act(finance, bill.id, 'issue')
  const line = await db.from('bill_lines').where('bill_id', bill.id).first()
  return { org, billId: Number(bill.id), lineId: Number(line.id), portal: await new Agent().loginCustomer(org.email) }
}

test.group('Bills / portal', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test("an organization sees its own issued bills only: another's bill and a draft are 404 by id, pay and dispute too", async ({ assert }) => {
    const { agent: finance } = await staffAgent('finance')
    const a = await issuedBillOf(finance)
    const b = await issuedBillOf(finance)
    const list = await a.portal.get('/api/portal/bills')
    assert.equal(list.status, 200, list.text)
    assert.deepEqual(list.body.map((x: any) => x.id), [a.billId])
    assert.equal(list.headers.get('x-total-count'), '1')
    assert.include(list.body[0], { status: 'issued', amount_due: '4.000000', outstanding: '4.000000' })

    const own = await a.portal.get(`/api/portal/bills/${a.billId}`)
    assert.equal(own.status, 200, own.text)
    assert.include(own.body, { id: a.billId, kind: 'bill', status: 'issued' })
    assert.lengthOf(own.body.lines, 1)
    assert.deepEqual(own.body.disputes, [])

    for (const [method, path, body] of [
      ['GET', `/api/portal/bills/${b.billId}`, undefined],
      ['POST', `/api/portal/bills/${b.billId}/pay`, { amount: '1' }],
      ['POST', `/api/portal/bills/${b.billId}/disputes`, { bill_line_id: b.lineId, amount: '1', reason: 'not mine' }],
      ['GET', '/api/portal/bills/abc', undefined],
    ] as const) {
      const reply = await a.portal.request(method, path, body)
      assert.equal(reply.status, 404, `${method} ${path} → ${reply.status} ${reply.text}`)
    }
    await db.from('bills').where('id', a.billId).update({ status: 'draft', issued_at: null })
    assert.equal((await a.portal.get(`/api/portal/bills/${a.billId}`)).status, 404)
    assert.equal(Number((await db.from('bill_disputes').count('* as n').first())!.n), 0)
    assert.equal(Number((await db.from('orders').whereIn('customer_id', [a.org.id, b.org.id]).count('* as n').first())!.n), 0)
  })

  test('members act in the organization with their role: finance sees and disputes bills, a developer is refused', async ({ assert }) => {
    const { agent: finance } = await staffAgent('finance')
    const a = await issuedBillOf(finance)
    const accountant = await createCustomer()
    const developer = await createCustomer()
    await db.table('organization_members').multiInsert([
      { org_id: a.org.id, customer_id: accountant.id, role: 'finance' },
      { org_id: a.org.id, customer_id: developer.id, role: 'developer' },
    ])
    const inOrg = { [ACTING_ORG_HEADER]: String(a.org.id) }
    const acc = await new Agent().loginCustomer(accountant.email)
    const dev = await new Agent().loginCustomer(developer.email)
    assert.equal((await acc.get('/api/portal/bills', inOrg)).body.length, 1)
    assert.equal((await acc.get('/api/portal/bills')).body.length, 0)
    assert.equal((await dev.get('/api/portal/bills', inOrg)).status, 403)
    assert.equal((await dev.request('POST', `/api/portal/bills/${a.billId}/disputes`, { bill_line_id: a.lineId, amount: '1', reason: 'x y z' }, inOrg)).status, 403)

    const opened = await acc.request('POST', `/api/portal/bills/${a.billId}/disputes`, { bill_line_id: a.lineId, amount: '1.25', reason: 'Timeouts on the 3rd' }, inOrg)
    assert.equal(opened.status, 201, opened.text)
    assert.include(opened.body, { amount: '1.250000', status: 'open' })
    const row = await db.from('bill_disputes').where('id', opened.body.id).first()
    assert.equal(Number(row.opened_by_customer_id), accountant.id)
    assert.lengthOf((await acc.get(`/api/portal/bills/${a.billId}`, inOrg)).body.disputes, 1)
  })

  test('bad dispute and payment input is a 4xx with nothing written', async ({ assert }) => {
    const { agent: finance } = await staffAgent('finance')
    const a = await issuedBillOf(finance)
    const disputes = `/api/portal/bills/${a.billId}/disputes`
    const bad: Array<[string, unknown]> = [
      [disputes, { bill_line_id: a.lineId, amount: '4.000001', reason: 'too much' }],
      [disputes, { bill_line_id: a.lineId, amount: '-1', reason: 'negative' }],
      [disputes, { bill_line_id: a.lineId, amount: '1e3', reason: 'exponent' }],
      [disputes, { bill_line_id: a.lineId, amount: 1, reason: 'number' }],
      [disputes, { bill_line_id: a.lineId, amount: '0.0000001', reason: 'precision' }],
      [disputes, { bill_line_id: 'one', amount: '1', reason: 'line' }],
      [disputes, { bill_line_id: a.lineId, amount: '1' }],
      [disputes, { bill_line_id: a.lineId, amount: '1', reason: 'x'.repeat(5000) }],
      [disputes, { bill_line_id: a.lineId, amount: '1', reason: 'extra', status: 'credited' }],
      [disputes, '{"bill_line_id":'],
      [`/api/portal/bills/${a.billId}/pay`, { amount: '4.000001' }],
      [`/api/portal/bills/${a.billId}/pay`, { amount: '0' }],
      [`/api/portal/bills/${a.billId}/pay`, { amount: '1', plan_id: 1 }],
    ]
    for (const [path, body] of bad) {
      const reply = await a.portal.post(path, body)
      assert.isAtLeast(reply.status, 400, `${JSON.stringify(body)} → ${reply.status} ${reply.text}`)
      assert.isBelow(reply.status, 500, `${JSON.stringify(body)} → ${reply.status} ${reply.text}`)
    }
    assert.equal(Number((await db.from('bill_disputes').count('* as n').first())!.n), 0)
    assert.equal(Number((await db.from('orders').where('customer_id', a.org.id).count('* as n').first())!.n), 0)
  })

  test('a prepaid statement lists the month from the ledger; the console reads it too', async ({ assert }) => {
    const customer = await createCustomer()
    await fundGift(customer.id, '1')
    await fundCash(customer.id, '10')
    await useModels(customer.id, [
      { model: 'a', tokens: BIG },
      { model: 'b', tokens: SMALL },
    ])
    const portal = await new Agent().loginCustomer(customer.email)
    const reply = await portal.get(`/api/portal/statements/${month()}`)
    assert.equal(reply.status, 200, reply.text)
    assert.include(reply.body, { kind: 'statement', status: null })
    assert.lengthOf(reply.body.lines, 2)
    assert.include(reply.body.totals, { subtotal: '4.002002', coveredGift: '1.000000', coveredCash: '3.002002', amountDue: '0.000000' })
    assert.equal((await portal.get('/api/portal/statements/2026-13')).status, 404)
    const { agent: ops } = await staffAgent('operations')
    const console = await ops.get(`/api/admin/users/${customer.id}/statements/${month()}`)
    assert.equal(console.status, 200, console.text)
    assert.deepEqual(console.body.totals, reply.body.totals)
    assert.equal(units(console.body.totals.subtotal), units('4.002002'))
    await assertLedgerHolds(assert)
  })
})
