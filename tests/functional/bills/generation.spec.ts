/**
 * Bill generation (issue 12 §3): lines are the ledger's debits of the period exactly (usage by
 * model from the usage records), the deduction order splits them into vouchers, prepaid cash and
 * credit, discount and tax round half-even, and generation is idempotent per organization and
 * period — repeated, and concurrently. Bad input is a 4xx with nothing written.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { auditRows, committedCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds, fundCash, fundGift, units } from '#tests/support/ledger'
import { staffAgent } from '#tests/support/agents'
import { billTotals, percentOf } from '#services/bills/rates'
import { generateDueBills } from '#services/bills/jobs'
import { csvObjects } from '#tests/support/csv'
import { BIG, BILLS, SMALL, aroundNow, generate, ledgerCharged, postpaidOrg, useModels } from './bill_fixtures.js'

test.group('Bills / generation', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('lines add up to what the ledger debited; vouchers, then prepaid cash, then credit', async ({ assert }) => {
    const org = await postpaidOrg({ tax_rate: '6', bill_discount_rate: '10' })
    await fundGift(org.id, '1.5')
    await fundCash(org.id, '2')
    const { a, b } = await useModels(org.id, [
      { model: 'a', tokens: BIG },
      { model: 'a', tokens: SMALL },
      { model: 'b', tokens: BIG },
    ])
    const { bill, outcome } = await generate(org.id)
    assert.equal(outcome, 'created')
    const lines = await db.from('bill_lines').where('bill_id', bill.id).orderBy('position')
    const byModel = Object.fromEntries(lines.map((l) => [Number(l.model_id), l]))
    assert.equal(byModel[a.id].amount, String(units('4.002002')))
    assert.equal(byModel[a.id].requests, '2')
    assert.equal(byModel[a.id].quantity, '1251001.000000')
    assert.equal(byModel[a.id].cost, String(units('2.001001')))
    assert.equal(byModel[b.id].amount, String(units('4')))
    assert.deepEqual(lines.map((l) => l.kind), ['usage', 'usage'])

    const charged = await ledgerCharged(org.id)
    assert.equal(charged, units('8.002002'))
    assert.equal(lines.reduce((s, l) => s + BigInt(l.amount), 0n), charged)
    assert.equal(bill.subtotal, String(charged))
    assert.equal(bill.covered_gift, String(units('1.5')))
    assert.equal(bill.covered_cash, String(units('2')))
    // discount 10 % of 8.002002 = 0.8002002 → 0.800200; tax 6 % of 7.201802 = 0.43210812 → 0.432108
    assert.equal(bill.discount, String(units('0.8002')))
    assert.equal(bill.tax, String(units('0.432108')))
    assert.equal(bill.total, String(units('7.63391')))
    assert.equal(bill.amount_due, String(units('7.63391') - units('3.5')))
    assert.equal(bill.status, 'draft')
    await assertLedgerHolds(assert)
  })

  test('discount and tax round half to even at the ledger precision', async ({ assert }) => {
    assert.equal(percentOf(25n, '10'), 2n) // 2.5 → 2
    assert.equal(percentOf(35n, '10'), 4n) // 3.5 → 4
    assert.equal(percentOf(15n, '10'), 2n) // 1.5 → 2
    assert.equal(percentOf(1n, '50'), 0n) // 0.5 → 0
    assert.equal(percentOf(3n, '50'), 2n) // 1.5 → 2
    assert.equal(percentOf(units('100'), '6.5'), units('6.5'))
    assert.deepEqual(billTotals(250n, '10', '10'), { subtotal: 250n, discount: 25n, tax: 22n, total: 247n }) // tax 22.5 → 22
    assert.deepEqual(billTotals(-5n, '10', '6'), { subtotal: -5n, discount: 0n, tax: 0n, total: -5n })
  })

  test('a repeated generate returns the same bill; a draft is recomputed in place, an issued one is kept', async ({ assert }) => {
    const org = await postpaidOrg()
    await useModels(org.id, [{ model: 'a', tokens: BIG }])
    const period = aroundNow()
    const first = await generate(org.id, period)
    const again = await generate(org.id, period)
    assert.equal(again.bill.id, first.bill.id)
    assert.equal(again.outcome, 'recomputed')
    assert.equal(again.bill.subtotal, first.bill.subtotal)
    await db.from('bills').where('id', first.bill.id).update({ status: 'issued', issued_at: new Date() })
    const third = await generate(org.id, period)
    assert.equal(third.outcome, 'existing')
    assert.equal(Number((await db.from('bills').where('org_id', org.id).count('* as n').first())!.n), 1)
    assert.equal(Number((await db.from('bill_lines').where('bill_id', first.bill.id).count('* as n').first())!.n), 1)
  })

  test('the generate action bills the last finished month; repeats return the same bill; bad periods are 4xx with nothing written', async ({ assert }) => {
    const org = await postpaidOrg()
    const { agent } = await staffAgent('finance')
    const first = await agent.post(`${BILLS}/actions/generate`, { org_id: org.id })
    assert.equal(first.status, 200, first.text)
    const again = await agent.post(`${BILLS}/actions/generate`, { org_id: org.id })
    assert.equal(again.status, 200, again.text)
    assert.equal(again.body.result.bill_id, first.body.result.bill_id)
    const bill = await db.from('bills').where('id', first.body.result.bill_id).first()
    const now = new Date()
    assert.equal(new Date(bill.period_end).getTime(), Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))

    const before = Number((await db.from('bills').count('* as n').first())!.n)
    const bad: Array<[Record<string, unknown>, number]> = [
      [{ org_id: org.id, period_start: '2026-01-05T00:00:00Z', period_end: '2026-02-05T00:00:00Z' }, 422],
      [{ org_id: org.id, period_start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(), period_end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString() }, 422],
      [{ org_id: org.id, period_start: '2026-01-01T00:00:00Z' }, 422],
      [{ org_id: org.id, period_start: 'yesterday', period_end: 'today' }, 422],
      [{ org_id: 'x' }, 422],
      [{ org_id: 999999999 }, 404],
    ]
    for (const [body, status] of bad) {
      const reply = await agent.post(`${BILLS}/actions/generate`, body)
      assert.equal(reply.status, status, `${JSON.stringify(body)} → ${reply.status} ${reply.text}`)
    }
    const prepaid = await postpaidOrg({ billing_mode: 'prepaid' })
    assert.equal((await agent.post(`${BILLS}/actions/generate`, { org_id: prepaid.id })).status, 400)
    assert.equal(Number((await db.from('bills').count('* as n').first())!.n), before)
    const { agent: ops } = await staffAgent('operations')
    assert.equal((await ops.post(`${BILLS}/actions/generate`, { org_id: org.id })).status, 403)
    assert.equal((await ops.get(`${BILLS}?org_id=${org.id}`)).status, 200)
  })
  test('the daily job bills every postpaid organization once for its last finished period', async ({ assert }) => {
    const org = await postpaidOrg()
    const custom = await postpaidOrg({ bill_cycle: 'custom', bill_cycle_days: 10, bill_anchor: new Date(Date.now() - 25 * 86_400_000).toISOString().slice(0, 10) })
    await generateDueBills()
    await generateDueBills()
    assert.lengthOf(await db.from('bills').where('org_id', org.id), 1)
    const [monthly] = await db.from('bills').where('org_id', org.id)
    assert.lengthOf(await auditRows({ resource: 'bills', record_id: String(monthly.id) }), 1)
    const [bill] = await db.from('bills').where('org_id', custom.id)
    assert.equal(bill.cycle, 'custom')
    assert.equal(new Date(bill.period_end).getTime() - new Date(bill.period_start).getTime(), 10 * 86_400_000)
    assert.isAtMost(new Date(bill.period_end).getTime(), Date.now())
    assert.isAbove(new Date(bill.period_end).getTime(), Date.now() - 10 * 86_400_000)
  })

  test('the bills resource filters by organization, status and period, sums money and exports', async ({ assert }) => {
    const a = await postpaidOrg({ tax_rate: '0', bill_discount_rate: '0' })
    const b = await postpaidOrg({ tax_rate: '0', bill_discount_rate: '0' })
    await useModels(a.id, [{ model: 'a', tokens: BIG }])
    await useModels(b.id, [{ model: 'a', tokens: SMALL }])
    const billA = (await generate(a.id)).bill
    await generate(b.id)
    const { agent } = await staffAgent('operations')
    const list = await agent.get(`${BILLS}?org_id=${a.id}&status=draft&period_start_lte=${encodeURIComponent(new Date().toISOString())}`)
    assert.equal(list.status, 200, list.text)
    assert.deepEqual(list.body.map((r: any) => r.id), [Number(billA.id)])
    assert.equal(list.body[0].amount_due, '4.000000')
    const summary = await agent.get(`${BILLS}/summary?org_id=${a.id}&org_id=${b.id}`)
    assert.equal(summary.status, 200, summary.text)
    assert.include(JSON.stringify(summary.body), '4.002002')
    const exported = await agent.get(`${BILLS}/export?org_id=${a.id}`)
    assert.equal(exported.status, 200, exported.text)
    assert.lengthOf(csvObjects(exported.text).rows, 1)
    assert.equal((await agent.get(`${BILLS}?invoice_status=issued&org_id=${a.id}`)).body.length, 0)
    assert.equal((await agent.get(`/api/admin/bill-lines?bill_id=${billA.id}`)).body.length, 1)
    assert.equal((await agent.get(`${BILLS}?nope=1`)).status, 400)
  })
})

test.group('Bills / concurrent generation', (group) => {
  const customers = committedCustomers()
  group.each.teardown(async () => {
    const bills = db.from('bills').whereIn('org_id', db.from('customers').where('org_name', 'concurrent-bills').select('id')).select('id')
    await db.from('bill_lines').whereIn('bill_id', bills).delete()
    await db.from('bills').whereIn('id', bills).delete()
    await customers.removeCommitted()
  })

  test('two generates at once make one bill', async ({ assert }) => {
    const org = await postpaidOrg({ org_name: 'concurrent-bills' }, '1000', (o) => customers.create(o))
    await useModels(org.id, [{ model: 'a', tokens: BIG }])
    const period = aroundNow()
    const results = await Promise.all(Array.from({ length: 4 }, () => generate(org.id, period)))
    assert.lengthOf(new Set(results.map((r) => r.bill.id)), 1)
    assert.equal(results.filter((r) => r.outcome === 'created').length, 1)
    assert.equal(Number((await db.from('bills').where('org_id', org.id).count('* as n').first())!.n), 1)
    assert.equal(Number((await db.from('bill_lines').where('bill_id', results[0].bill.id).count('* as n').first())!.n), 1)
    await assertLedgerHolds(assert)
  })
})
