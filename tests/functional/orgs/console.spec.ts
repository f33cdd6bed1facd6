/**
 * Organizations in the console: operations open organization access (the customer's own sign-in
 * becomes its admin member), finance sets billing (the credit limit on the cash account), staff
 * file a verification review that another staff member decides, members' roles and caps are
 * edited and members removed with a reason; each role holds only its grants; bad input writes nothing.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { staffAgent } from '#tests/support/agents'
import { auditRows, createCustomer } from '#tests/support/fixtures'
import { units } from '#tests/support/ledger'
import { makeOrg, member, orgKey } from './org_fixtures.js'

const OPEN = { org_type: 'enterprise', org_name: '星辰科技有限公司', org_address: '上海市浦东新区', billing_mode: 'postpaid', credit_limit: '500', reason: 'Contract signed' }
const BILLING = { billing_mode: 'postpaid', credit_limit: '800', bill_cycle: 'monthly', payment_terms_days: 30, overdue_suspend_days: 10, tax_rate: '6', bill_discount_rate: '2.5', reason: 'Negotiated terms' }
const cashAccount = (id: number) => db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: id, code: 'cash' }).first()

async function kycFile() {
  const [row] = await db
    .table('stored_files')
    .insert({ disk: 'local', key: `kyc/${Date.now()}-${Math.random()}`, purpose: 'kyc_document', original_name: 'licence.pdf', mime_type: 'application/pdf', size: 10, sha256: 'a'.repeat(64) })
    .returning('id')
  return Number(row.id ?? row)
}

test.group('Organizations / console', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('operations open organization access; the account becomes its admin; its credit limit is on the cash account', async ({ assert }) => {
    const customer = await createCustomer()
    const { agent: ops } = await staffAgent('operations')
    const { agent: finance } = await staffAgent('finance')
    assert.equal((await finance.post(`/api/admin/users/${customer.id}/actions/open_org_access`, OPEN)).status, 403)
    const opened = await ops.post(`/api/admin/users/${customer.id}/actions/open_org_access`, OPEN)
    assert.equal(opened.status, 200, opened.text)
    const row = await db.from('customers').where('id', customer.id).first()
    assert.deepInclude(row, { type: 'organization', org_type: 'enterprise', org_name: '星辰科技有限公司', billing_mode: 'postpaid' })
    assert.equal((await cashAccount(customer.id)).credit_limit, units('500').toString())
    const [own] = await db.from('organization_members').where({ org_id: customer.id })
    assert.deepInclude(own, { customer_id: String(customer.id), role: 'admin', status: 'active' })
    assert.lengthOf(await auditRows({ resource: 'users', action: 'open_org_access', record_id: String(customer.id) }), 1)
    assert.equal((await ops.post(`/api/admin/users/${customer.id}/actions/open_org_access`, OPEN)).status, 409)

    const list = await ops.get(`/api/admin/organizations?id=${customer.id}`)
    assert.equal(list.status, 200, list.text)
    assert.deepInclude(list.body[0], { org_name: '星辰科技有限公司', member_count: 1, credit_limit: '500.000000', billing_mode: 'postpaid' })
  })

  test('finance sets billing; operations may not; bad settings are 422 and change nothing', async ({ assert }) => {
    const org = await makeOrg()
    const { agent: ops } = await staffAgent('operations')
    const { agent: finance } = await staffAgent('finance')
    assert.equal((await ops.post(`/api/admin/users/${org.id}/actions/set_billing`, BILLING)).status, 403)
    const { agent: support } = await staffAgent('support')
    assert.equal((await support.post(`/api/admin/users/${org.id}/actions/lift_suspension`, { reason: 'Paid by bank transfer' })).status, 403)
    for (const bad of [
      { ...BILLING, tax_rate: '120' },
      { ...BILLING, credit_limit: '-5' },
      { ...BILLING, billing_mode: 'prepaid' },
      { ...BILLING, bill_cycle: 'custom' },
      { ...BILLING, payment_terms_days: 1.5 },
      { ...BILLING, owner: 1 },
    ]) {
      const reply = await finance.post(`/api/admin/users/${org.id}/actions/set_billing`, bad)
      assert.oneOf(reply.status, [400, 422], `${JSON.stringify(bad)} ${reply.text}`)
    }
    assert.equal((await db.from('customers').where('id', org.id).first()).billing_mode, 'prepaid')
    const saved = await finance.post(`/api/admin/users/${org.id}/actions/set_billing`, { ...BILLING, bill_cycle: 'custom', bill_cycle_days: 14, bill_anchor: '2026-01-05' })
    assert.equal(saved.status, 200, saved.text)
    assert.deepInclude(await db.from('customers').where('id', org.id).select('payment_terms_days', 'tax_rate', 'bill_cycle_days').first(), { payment_terms_days: 30, tax_rate: '6.0000', bill_cycle_days: 14 })
    assert.equal((await cashAccount(org.id)).credit_limit, units('800').toString())
  })

  test('verification: filed by one staff member, decided by another; the organization’s status follows', async ({ assert }) => {
    const org = await makeOrg()
    const { agent: ops } = await staffAgent('operations')
    const { agent: reviewer } = await staffAgent('operations')
    const file = await kycFile()
    assert.equal((await ops.post(`/api/admin/users/${org.id}/actions/submit_kyc`, { legal_name: 'Star Tech Ltd', document_file_ids: [999999] })).status, 422)
    assert.equal((await ops.post(`/api/admin/users/${org.id}/actions/submit_kyc`, { legal_name: 'Star Tech Ltd', document_file_ids: 'x' })).status, 422)
    const filed = await ops.post(`/api/admin/users/${org.id}/actions/submit_kyc`, { legal_name: 'Star Tech Ltd', registration_number: '91310000X', document_file_ids: [file] })
    assert.equal(filed.status, 200, filed.text)
    assert.equal((await ops.post(`/api/admin/users/${org.id}/actions/submit_kyc`, { legal_name: 'Again', document_file_ids: [file] })).status, 409)
    const [review] = await db.from('org_kyc_reviews').where('org_id', org.id)
    assert.equal((await db.from('customers').where('id', org.id).first()).verification_status, 'pending')
    assert.equal((await ops.post(`/api/admin/org-kyc-reviews/${review.id}/actions/approve`, {})).status, 403)
    assert.equal((await reviewer.post(`/api/admin/org-kyc-reviews/${review.id}/actions/reject`, {})).status, 422)
    const rejected = await reviewer.post(`/api/admin/org-kyc-reviews/${review.id}/actions/reject`, { reason: 'Licence expired' })
    assert.equal(rejected.status, 200, rejected.text)
    assert.equal((await db.from('customers').where('id', org.id).first()).verification_status, 'rejected')
    assert.equal((await db.from('org_kyc_reviews').where('id', review.id).first()).decision_reason, 'Licence expired')
    assert.equal((await reviewer.post(`/api/admin/org-kyc-reviews/${review.id}/actions/approve`, {})).status, 400)
  })

  test('members: staff edit role and cap, remove with a reason (their keys disabled); the own account stays admin', async ({ assert }) => {
    const org = await makeOrg()
    const dev = await member(org.id, 'developer')
    const key = await orgKey(org.id, dev.person.id)
    const { agent: ops } = await staffAgent('operations')
    const { agent: support } = await staffAgent('support')
    const edited = await ops.patch(`/api/admin/organization-members/${dev.memberId}`, { role: 'finance', monthly_spend_cap: '25' })
    assert.equal(edited.status, 200, edited.text)
    assert.deepInclude(await db.from('organization_members').where('id', dev.memberId).first(), { role: 'finance', monthly_spend_cap: units('25').toString() })
    assert.equal((await ops.patch(`/api/admin/organization-members/${dev.memberId}`, { org_id: 1 })).status, 422)
    const [own] = await db.from('organization_members').where({ org_id: org.id, customer_id: org.id })
    assert.equal((await ops.patch(`/api/admin/organization-members/${own.id}`, { role: 'read_only' })).status, 400)
    assert.equal((await ops.post(`/api/admin/organization-members/${own.id}/actions/remove`, { reason: 'Not allowed' })).status, 400)
    assert.equal((await support.post(`/api/admin/organization-members/${dev.memberId}/actions/remove`, { reason: 'Left' })).status, 403)
    const removed = await ops.post(`/api/admin/organization-members/${dev.memberId}/actions/remove`, { reason: 'Left the company' })
    assert.equal(removed.status, 200, removed.text)
    assert.deepInclude(await db.from('organization_members').where('id', dev.memberId).first(), { status: 'removed', removed_reason: 'Left the company' })
    assert.equal((await db.from('api_keys').where('id', key.id).first()).status, 'disabled')
    assert.lengthOf(await auditRows({ resource: 'organization-members', action: 'remove', record_id: String(dev.memberId) }), 1)
  })
})
