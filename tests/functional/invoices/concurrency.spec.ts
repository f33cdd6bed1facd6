/**
 * Concurrent invoice requests for the same records, on committed rows (each request in its own
 * transaction): the records are locked before they are checked, so exactly one request invoices
 * them and the others are told they are already invoiced.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { committedCustomers } from '#tests/support/fixtures'
import { assertLedgerHolds } from '#tests/support/ledger'
import { Agent } from '#tests/support/agent'
import { ORG_ADDRESS, ORG_NAME, bill, invoiceBody, paidOrder } from './support.js'

test.group('Invoices / concurrent requests', (group) => {
  const committed = committedCustomers()
  const orgs: number[] = []
  group.each.teardown(async () => {
    await db.from('invoices').whereIn('customer_id', orgs).delete()
    await db.from('bill_lines').whereIn('bill_id', db.from('bills').whereIn('org_id', orgs).select('id')).delete()
    await db.from('bills').whereIn('org_id', orgs).delete()
    orgs.splice(0)
    await committed.removeCommitted()
  })

  test('eight requests at once for the same bill and order: one invoice', async ({ assert }) => {
    const org = await committed.create({ type: 'organization', org_name: ORG_NAME, org_address: ORG_ADDRESS, org_opened_at: new Date(), billing_mode: 'postpaid' })
    orgs.push(org.id)
    const person = await committed.create()
    await db.table('organization_members').insert({ org_id: org.id, customer_id: person.id, role: 'finance' })
    const settled = await bill(org.id)
    const order = await paidOrder(org.id)
    const agent = await new Agent().loginCustomer(person.email)
    const headers = { 'X-Creditdesk-Org': String(org.id) }
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => agent.request('POST', '/api/portal/invoices', invoiceBody({ bill_ids: [settled.id], order_ids: i % 2 ? [order.id] : [] }), headers))
    )
    const statuses = replies.map((r) => r.status).sort()
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409], replies.map((r) => r.text).join('\n'))
    const invoices = await db.from('invoices').where('customer_id', org.id)
    assert.lengthOf(invoices, 1)
    assert.equal((await db.from('bills').where('id', settled.id).first()).invoice_status, 'requested')
    await assertLedgerHolds(assert)
  }).timeout(60000)
})
