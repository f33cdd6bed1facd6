/**
 * The demo organization seed (database/seeders/demo_orgs.ts) produces what a fresh `npm start`
 * must show: 星河智能科技有限公司, verified, postpaid at 6 % tax, with an admin, a finance member and a
 * developer who joined by invitation; an active contract signed online; usage billed month by month;
 * last month but one settled by a bank transfer under four eyes, last month partly paid with a
 * disputed line credited by a credit note; both bill PDFs carry the bill number, the organization and
 * the totals. A second run adds nothing. Run inside a global transaction (nothing is committed).
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { transaction } from '#services/transaction'
import { formatMoney } from '#contract/money'
import { fromUnits } from '#services/ledger/amounts'
import { DEMO_STAFF } from '#database/seeders/demo'
import { seedCatalog } from '#database/seeders/demo_usage'
import { prng } from '#database/seeders/demo_usage_traffic'
import { DEMO_ORG, DEMO_ORG_PEOPLE, demoBillPeriods, seedDemoOrg } from '#database/seeders/demo_orgs'
import { Agent, TEST_PASSWORD } from '#tests/support/agent'
import { roleId } from '#tests/support/fixtures'
import { assertLedgerHolds } from '#tests/support/ledger'
import { pdfText, squeeze } from '#tests/unit/pdf/pdf_text'

/** The demo's staff accounts and price catalog, as the demo seed leaves them before this step. */
async function demoPrerequisites() {
  const password = await hash.make(TEST_PASSWORD)
  for (const staff of DEMO_STAFF) {
    if (!(await db.from('staff').where('email', staff.email).first())) {
      await db.table('staff').insert({ email: staff.email, name: staff.name, password, role_id: await roleId(staff.role) })
    }
  }
  if (!(await db.from('usage_models').where('code', 'claude-opus-4').first())) {
    await transaction((trx) => seedCatalog(trx, Date.now(), prng(1)))
  }
}

async function pdfOf(agent: Agent, billId: number) {
  const response = await fetch(`${Agent.base()}/api/admin/bills/${billId}/pdf?_lang=en`, {
    headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, type: response.headers.get('content-type'), bytes }
}

test.group('Demo organization seed', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.each.timeout(120_000)

  test('an organization with three members, a signed contract, a settled and a partly paid bill with a credit note', async ({ assert }) => {
    await demoPrerequisites()
    const summary = await seedDemoOrg(TEST_PASSWORD)
    assert.isNotNull(summary)
    assert.isNull(await seedDemoOrg(TEST_PASSWORD), 'a second run finds the organization and adds nothing')
    const orgId = summary!.orgId

    const org = await db.from('customers').where('id', orgId).first()
    assert.include(org, { type: 'organization', org_type: 'enterprise', org_name: DEMO_ORG.name, org_address: DEMO_ORG.address, billing_mode: 'postpaid', verification_status: 'verified' })
    assert.equal(org.tax_rate, '6.0000')
    const cash = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: orgId, code: 'cash' }).first()
    assert.equal(cash.credit_limit, '5000000000')
    const review = await db.from('org_kyc_reviews').where('org_id', orgId).first()
    assert.equal(review.status, 'approved')
    assert.notEqual(Number(review.reviewer_id), Number(review.submitted_by_staff_id))

    // members: the organization's own account is its admin, the other two joined by invitation
    const members = await db.from('organization_members as m').join('customers as c', 'c.id', 'm.customer_id').where({ 'm.org_id': orgId, 'm.status': 'active' }).select('c.email', 'm.role', 'm.invitation_id')
    assert.sameDeepMembers(
      members.map((m) => ({ email: m.email, role: m.role })),
      DEMO_ORG_PEOPLE.map((p) => ({ email: p.email, role: p.role }))
    )
    assert.lengthOf(members.filter((m) => m.invitation_id !== null), 2)
    assert.lengthOf(await db.from('organization_invitations').where({ org_id: orgId, status: 'accepted' }), 2)
    const keys = await db.from('api_keys').where('customer_id', orgId)
    assert.lengthOf(keys, 2)
    assert.isTrue(keys.every((k) => k.member_id !== null))

    // the contract: from the template, signed online by the admin
    const [contract] = await db.from('contracts').where('org_id', orgId)
    assert.include(contract, { status: 'active', signing_method: 'online', signed_by_name: '陈星河', type: 'enterprise' })
    assert.equal(Number(contract.signed_by_customer_id), orgId)
    assert.isNotNull(contract.signed_at)
    assert.isNotNull(contract.template_id)
    assert.equal((await db.from('stored_files').where('id', contract.file_id).first()).purpose, 'contract')

    // bills of the two previous calendar months, each holding exactly that month's usage
    const bills = await db.from('bills').where('org_id', orgId).orderBy('period_start')
    assert.lengthOf(bills, 2)
    const periods = demoBillPeriods()
    for (const [i, bill] of bills.entries()) {
      assert.equal(new Date(bill.period_start).getTime(), periods[i].start.getTime())
      assert.equal(new Date(bill.period_end).getTime(), periods[i].end.getTime())
      const usage = await db.from('usage_records').where('customer_id', orgId).where('started_at', '>=', periods[i].start).where('started_at', '<', periods[i].end).sum('charged as s').first()
      assert.isAbove(Number(bill.subtotal), 0)
      assert.equal(bill.subtotal, String(usage.s), 'the bill holds the month’s usage')
      const lines = await db.from('bill_lines').where('bill_id', bill.id)
      assert.equal(lines.reduce((s, l) => s + BigInt(l.amount), 0n), BigInt(bill.subtotal))
      assert.equal(BigInt(bill.total), BigInt(bill.subtotal) + BigInt(bill.tax))
      assert.isAbove(Number(bill.tax), 0)
      assert.equal(bill.amount_due, bill.total, 'all of it ran on credit')
    }
    const [settled, partial] = bills
    assert.equal(settled.status, 'settled')
    assert.equal(settled.paid, settled.amount_due)
    assert.equal(partial.status, 'partially_paid')
    assert.isAbove(Number(partial.paid), 0)
    assert.isAbove(Number(partial.credited), 0)
    assert.isBelow(Number(BigInt(partial.paid) + BigInt(partial.credited)), Number(partial.amount_due))

    // offline payments: recorded by one finance member, confirmed by another
    for (const bill of bills) {
      const [payment] = await db.from('bill_payments as p').join('orders as o', 'o.id', 'p.order_id').where('p.bill_id', bill.id).select('o.*', 'p.amount as applied')
      assert.equal(payment.status, 'PAID')
      assert.equal(payment.channel, 'bank_transfer')
      assert.equal(payment.applied, bill.paid)
      assert.isNotNull(payment.confirmed_by)
      assert.notEqual(Number(payment.confirmed_by), Number(payment.created_by))
    }

    // the dispute on last month's largest line, opened by the finance member, resolved by a credit note
    const [dispute] = await db.from('bill_disputes').where('bill_id', partial.id)
    const finance = await db.from('customers').where('email', DEMO_ORG_PEOPLE[1].email).first()
    assert.include(dispute, { status: 'credited' })
    assert.equal(Number(dispute.opened_by_customer_id), Number(finance.id))
    const [note] = await db.from('credit_notes').where('bill_id', partial.id)
    assert.equal(Number(note.dispute_id), Number(dispute.id))
    assert.equal(note.amount, dispute.amount)
    assert.equal(note.amount, partial.credited)
    assert.equal(note.settlement, 'wallet')
    assert.isNotNull(note.ledger_transaction_id)

    // both PDFs render with the number, the organization and the figures
    const agent = await new Agent().loginStaff('finance@demo.local')
    for (const bill of bills) {
      const pdf = await pdfOf(agent, Number(bill.id))
      assert.equal(pdf.status, 200)
      assert.equal(pdf.type, 'application/pdf')
      const all = squeeze((await pdfText(pdf.bytes)).text.join('\n'))
      assert.include(all, bill.number)
      assert.include(all, squeeze(DEMO_ORG.name))
      for (const figure of [bill.subtotal, bill.tax, bill.total, bill.paid]) assert.include(all, squeeze(formatMoney(fromUnits(figure), 'USD', { locale: 'en' })))
    }
    const partialText = squeeze((await pdfText((await pdfOf(agent, Number(partial.id))).bytes)).text.join('\n'))
    assert.include(partialText, squeeze(formatMoney(fromUnits(partial.credited), 'USD', { locale: 'en' })))

    await assertLedgerHolds(assert)
  })
})
