/**
 * Invoices (发票): a finance member requests one in the portal for what the account paid (a settled
 * bill, a paid recharge order), finance issues it with the uploaded file or rejects it, the customer
 * cancels while it waits and downloads the issued file. Records invoiced once only; another
 * account's records and bad input are refused with nothing written.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { staffAgent } from '#tests/support/agents'
import { auditRows } from '#tests/support/fixtures'
import { assertLedgerHolds } from '#tests/support/ledger'
import { bill, invoiceBody, member, organization, paidOrder, storedFile } from './support.js'

const invoiceCount = async () => Number((await db.from('invoices').count('* as n'))[0].n)

async function financeOf() {
  const org = await organization()
  const finance = await member(org.id, 'finance')
  const request = (body: unknown) => finance.agent.request('POST', '/api/portal/invoices', body, finance.headers)
  return { org, finance, request }
}

test.group('Invoices / request in the portal', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  test('a finance member invoices a settled bill and a paid recharge: the amount is what they paid', async ({ assert }) => {
    const { org, finance, request } = await financeOf()
    const settled = await bill(org.id)
    const order = await paidOrder(org.id, 5000)
    const reply = await request(invoiceBody({ bill_ids: [settled.id], order_ids: [order.id], tax_id: '91330106ma2cfx1234', remark: '请开具专票' }))
    assert.equal(reply.status, 201, reply.text)
    assert.equal(reply.body.amount, '170.000000') // 120.00 on the bill + 50.00 for the order
    assert.equal(reply.body.currency, 'USD')
    assert.equal(reply.body.status, 'requested')
    assert.equal(reply.body.tax_id, '91330106MA2CFX1234')
    assert.deepEqual(reply.body.bill_ids, [settled.id])
    assert.deepEqual(reply.body.order_ids, [order.id])
    const row = await db.from('invoices').where('id', reply.body.id).first()
    assert.equal(Number(row.customer_id), org.id)
    assert.equal(Number(row.requested_by), finance.person.id)
    assert.equal((await db.from('bills').where('id', settled.id).first()).invoice_status, 'requested')
    const [audited] = await auditRows({ action: 'invoice.request', record_id: String(reply.body.id) })
    assert.equal(Number(audited.actor_id), finance.person.id)

    assert.deepEqual(reply.body.order_numbers, [order.number])

    const list = await finance.agent.get('/api/portal/invoices?_sort=id&_order=desc', finance.headers)
    assert.equal(list.status, 200, list.text)
    assert.equal(list.headers.get('x-total-count'), '1')
    assert.equal(list.body[0].id, reply.body.id)
    assert.equal((await finance.agent.get('/api/portal/invoices?_sort=amount', finance.headers)).status, 400)
    await assertLedgerHolds(assert)
  })

  test('recharge orders by number, as the portal names them; another account’s number is not found', async ({ assert }) => {
    const { org, request } = await financeOf()
    const order = await paidOrder(org.id, 2000)
    const theirs = await paidOrder((await organization('别家公司')).id, 2000)
    assert.equal((await request(invoiceBody({ order_numbers: [theirs.number] }))).status, 404)
    assert.equal((await request(invoiceBody({ order_numbers: ['not-a-number'] }))).status, 422)
    const reply = await request(invoiceBody({ order_numbers: [order.number], order_ids: [order.id], invoice_type: 'electronic', address: undefined }))
    assert.equal(reply.status, 201, reply.text)
    assert.deepEqual(reply.body.order_ids, [order.id])
    assert.equal(reply.body.amount, '20.000000')
  })

  test('a refunded part of an order is not invoiced', async ({ assert }) => {
    const { org, request } = await financeOf()
    const order = await paidOrder(org.id, 10000, { status: 'PARTIALLY_REFUNDED', refunded_amount: 2500 })
    const reply = await request(invoiceBody({ order_ids: [order.id] }))
    assert.equal(reply.status, 201, reply.text)
    assert.equal(reply.body.amount, '75.000000')
  })

  test('a record already invoiced, unpaid, not settled, paying a bill or being refunded is refused (409), nothing written', async ({ assert }) => {
    const { org, request } = await financeOf()
    const settled = await bill(org.id)
    const order = await paidOrder(org.id)
    assert.equal((await request(invoiceBody({ bill_ids: [settled.id], order_ids: [order.id] }))).status, 201)
    const before = await invoiceCount()

    const cases: Array<[string, Record<string, unknown>]> = [
      ['the bill again', { bill_ids: [settled.id] }],
      ['the order again', { order_ids: [order.id] }],
      ['an unpaid bill', { bill_ids: [(await bill(org.id, { status: 'awaiting_payment', paid: 0, settled_at: null })).id] }],
      ['a partially paid bill', { bill_ids: [(await bill(org.id, { status: 'partially_paid', paid: 20_000_000, settled_at: null })).id] }],
      ['a pending order', { order_ids: [(await paidOrder(org.id, 5000, { status: 'PENDING', paid_at: null })).id] }],
      ['an order that paid a bill', { order_ids: [(await paidOrder(org.id, 5000, { bill_id: settled.id })).id] }],
    ]
    const refunding = await paidOrder(org.id)
    await db.table('refunds').insert({ order_id: refunding.id, customer_id: org.id, channel: 'bank_transfer', amount: 1000, currency: 'USD', ledger_amount: 10_000_000, status: 'REQUESTED', reason: 'test' })
    cases.push(['an order with a refund under review', { order_ids: [refunding.id] }])
    const fresh = await bill(org.id)
    for (const [what, records] of cases) {
      // a good record beside the bad one is not invoiced either
      const reply = await request(invoiceBody({ ...records, bill_ids: [...((records.bill_ids as number[]) ?? []), fresh.id] }))
      assert.equal(reply.status, 409, `${what}: ${reply.text}`)
    }
    assert.equal(await invoiceCount(), before)
    assert.equal((await db.from('bills').where('id', fresh.id).first()).invoice_status, 'none')
  })

  test('another account’s bill or order is not found, whichever account is named', async ({ assert }) => {
    const { org, finance, request } = await financeOf()
    const other = await organization('另一家公司')
    const theirs = await bill(other.id)
    const theirOrder = await paidOrder(other.id)
    const mine = await bill(org.id)
    assert.equal((await request(invoiceBody({ bill_ids: [mine.id, theirs.id] }))).status, 404)
    assert.equal((await request(invoiceBody({ order_ids: [theirOrder.id] }))).status, 404)
    // acting in the other organization needs a membership there
    const asOther = await finance.agent.request('POST', '/api/portal/invoices', invoiceBody({ bill_ids: [theirs.id] }), { 'X-Creditdesk-Org': String(other.id) })
    assert.equal(asOther.status, 404)
    // in one's own account, the organization's bill is not one's own either
    assert.equal((await finance.agent.post('/api/portal/invoices', invoiceBody({ bill_ids: [mine.id] }))).status, 404)
    assert.equal(await invoiceCount(), 0)
    assert.equal((await db.from('bills').where('id', mine.id).first()).invoice_status, 'none')
  })

  test('roles without invoices.request are refused', async ({ assert }) => {
    const org = await organization()
    const settled = await bill(org.id)
    for (const role of ['developer', 'read_only'] as const) {
      const m = await member(org.id, role)
      assert.equal((await m.agent.request('POST', '/api/portal/invoices', invoiceBody({ bill_ids: [settled.id] }), m.headers)).status, 403, role)
      assert.equal((await m.agent.get('/api/portal/invoices', m.headers)).status, 403, role)
    }
    assert.equal(await invoiceCount(), 0)
  })

  test('bad input is a 422 naming the field, nothing written', async ({ assert }) => {
    const { org, finance, request } = await financeOf()
    const settled = await bill(org.id)
    const cases: Array<[string, unknown]> = [
      ['tax_id', invoiceBody({ bill_ids: [settled.id], tax_id: '1234' })],
      ['tax_id', invoiceBody({ bill_ids: [settled.id], tax_id: '91330106MA2CFX12-4' })],
      ['tax_id', invoiceBody({ bill_ids: [settled.id], tax_id: '9'.repeat(21) })],
      ['invoice_type', invoiceBody({ bill_ids: [settled.id], invoice_type: 'receipt' })],
      ['title', invoiceBody({ bill_ids: [settled.id], title: '' })],
      ['title', invoiceBody({ bill_ids: [settled.id], title: 'x'.repeat(201) })],
      ['bill_ids', invoiceBody({ bill_ids: ['1'] })],
      ['bill_ids', invoiceBody({ bill_ids: [settled.id, settled.id] })],
      ['bill_ids', invoiceBody({})],
      ['email', invoiceBody({ bill_ids: [settled.id], email: 'not-an-email' })],
      ['email', invoiceBody({ bill_ids: [settled.id], invoice_type: 'electronic', email: undefined })],
      ['address', invoiceBody({ bill_ids: [settled.id], invoice_type: 'vat_special', address: undefined })],
      ['amount', invoiceBody({ bill_ids: [settled.id], amount: '1000000' })],
      ['_body', [1, 2]],
    ]
    for (const [field, body] of cases) {
      const reply = await request(body)
      assert.equal(reply.status, 422, `${field}: ${reply.text}`)
      assert.isTrue(reply.body.errors.some((e: any) => e.field.startsWith(field)), `${field}: ${reply.text}`)
    }
    const broken = await finance.agent.request('POST', '/api/portal/invoices', '{"title": ', { ...finance.headers, 'content-type': 'application/json' })
    assert.equal(broken.status, 400, broken.text)
    assert.equal(await invoiceCount(), 0)
    assert.equal((await db.from('bills').where('id', settled.id).first()).invoice_status, 'none')
  })

  test('cancel while requested frees the records; not twice, not another account’s', async ({ assert }) => {
    const { org, finance, request } = await financeOf()
    const settled = await bill(org.id)
    const created = await request(invoiceBody({ bill_ids: [settled.id] }))
    const cancel = (id: number, headers: Record<string, string> = finance.headers) => finance.agent.request('DELETE', `/api/portal/invoices/${id}`, undefined, headers)
    assert.equal((await cancel(created.body.id, {})).status, 404) // in one's own account
    const reply = await cancel(created.body.id)
    assert.equal(reply.status, 200, reply.text)
    assert.equal(reply.body.status, 'cancelled')
    assert.equal((await db.from('bills').where('id', settled.id).first()).invoice_status, 'none')
    assert.lengthOf(await auditRows({ action: 'invoice.cancel', record_id: String(created.body.id) }), 1)
    assert.equal((await cancel(created.body.id)).status, 409)
    // the bill can be invoiced again
    assert.equal((await request(invoiceBody({ bill_ids: [settled.id] }))).status, 201)
  })
})

test.group('Invoices / issue and reject in the console', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())

  async function requested() {
    const { org, finance, request } = await financeOf()
    const settled = await bill(org.id)
    const reply = await request(invoiceBody({ bill_ids: [settled.id] }))
    return { org, finance, settled, invoiceId: reply.body.id as number }
  }

  test('issue with the uploaded file: issued, the bill invoiced, the customer gets a download link', async ({ assert }) => {
    const { finance, settled, invoiceId } = await requested()
    const file = await storedFile()
    const { agent: staff, staff: who } = await staffAgent('super_admin')
    const link = () => finance.agent.get(`/api/portal/invoices/${invoiceId}/link`, finance.headers)
    assert.equal((await link()).status, 409) // not issued yet

    const reply = await staff.post(`/api/admin/invoices/${invoiceId}/actions/issue`, { invoice_number: '04400212345678', file_id: file.id })
    assert.equal(reply.status, 200, reply.text)
    const row = await db.from('invoices').where('id', invoiceId).first()
    assert.equal(row.status, 'issued')
    assert.equal(row.invoice_number, '04400212345678')
    assert.equal(Number(row.file_id), file.id)
    assert.equal(Number(row.issued_by), who.id)
    assert.equal((await db.from('bills').where('id', settled.id).first()).invoice_status, 'issued')
    assert.lengthOf(await auditRows({ action: 'issue', resource: 'invoices', record_id: String(invoiceId) }), 1)

    const linked = await link()
    assert.equal(linked.status, 200, linked.text)
    assert.match(linked.body.url, new RegExp(`/api/files/${file.id}/download\\?`))
    assert.isString(linked.body.expires_at)
    assert.lengthOf(await auditRows({ action: 'file.link', resource: 'invoices', record_id: String(invoiceId) }), 1)
    // issued: no second issue, no cancel, no reject
    assert.equal((await staff.post(`/api/admin/invoices/${invoiceId}/actions/issue`, { invoice_number: '04400212345679', file_id: (await storedFile()).id })).status, 409)
    assert.equal((await finance.agent.request('DELETE', `/api/portal/invoices/${invoiceId}`, undefined, finance.headers)).status, 409)
    assert.equal((await staff.post(`/api/admin/invoices/${invoiceId}/actions/reject`, { reason: 'Wrong title' })).status, 409)
  })

  test('issue refuses a file that is not an invoice file, and an invoice number already used', async ({ assert }) => {
    const first = await requested()
    const second = await requested()
    const { agent: staff } = await staffAgent('super_admin')
    const contractFile = await storedFile('contract')
    const wrong = await staff.post(`/api/admin/invoices/${first.invoiceId}/actions/issue`, { invoice_number: 'INV-1', file_id: contractFile.id })
    assert.equal(wrong.status, 422, wrong.text)
    assert.equal((await staff.post(`/api/admin/invoices/${first.invoiceId}/actions/issue`, { file_id: (await storedFile()).id })).status, 422)
    assert.equal((await db.from('invoices').where('id', first.invoiceId).first()).status, 'requested')

    assert.equal((await staff.post(`/api/admin/invoices/${first.invoiceId}/actions/issue`, { invoice_number: 'INV-1', file_id: (await storedFile()).id })).status, 200)
    const reused = await staff.post(`/api/admin/invoices/${second.invoiceId}/actions/issue`, { invoice_number: 'INV-1', file_id: (await storedFile()).id })
    assert.equal(reused.status, 409, reused.text)
    assert.equal((await db.from('invoices').where('id', second.invoiceId).first()).status, 'requested')
  })

  test('reject with a reason frees the bill; without a reason nothing changes', async ({ assert }) => {
    const { finance, settled, invoiceId } = await requested()
    const { agent: staff } = await staffAgent('super_admin')
    assert.equal((await staff.post(`/api/admin/invoices/${invoiceId}/actions/reject`, {})).status, 422)
    assert.equal((await db.from('invoices').where('id', invoiceId).first()).status, 'requested')
    const reply = await staff.post(`/api/admin/invoices/${invoiceId}/actions/reject`, { reason: 'Tax ID does not match the organization' })
    assert.equal(reply.status, 200, reply.text)
    const row = await db.from('invoices').where('id', invoiceId).first()
    assert.equal(row.status, 'rejected')
    assert.equal(row.rejected_reason, 'Tax ID does not match the organization')
    assert.equal((await db.from('bills').where('id', settled.id).first()).invoice_status, 'none')
    const mine = await finance.agent.get('/api/portal/invoices?status=rejected', finance.headers)
    assert.equal(mine.body[0].rejected_reason, 'Tax ID does not match the organization')
    assert.equal((await staff.post(`/api/admin/invoices/${invoiceId}/actions/issue`, { invoice_number: 'INV-9', file_id: (await storedFile()).id })).status, 409)
  })

  test('the console lists invoices by customer, status and amount range; a role without the grant may not issue', async ({ assert }) => {
    const a = await requested()
    const b = await requested()
    await db.from('invoices').where('id', b.invoiceId).update({ amount: 500_000_000 })
    const { agent: staff } = await staffAgent('super_admin')
    const ids = async (qs: string) => (await staff.get(`/api/admin/invoices?${qs}`)).body.map((r: any) => r.id)
    assert.deepEqual(await ids(`customer_id=${a.org.id}`), [a.invoiceId])
    assert.deepEqual(await ids(`id=${a.invoiceId}&id=${b.invoiceId}&amount_gte=200`), [b.invoiceId])
    assert.deepEqual(await ids(`id=${a.invoiceId}&id=${b.invoiceId}&amount_lte=200`), [a.invoiceId])
    assert.deepEqual(await ids(`id=${a.invoiceId}&status=issued`), [])
    const summary = await staff.get(`/api/admin/invoices/summary?id=${a.invoiceId}&id=${b.invoiceId}`)
    assert.equal(summary.status, 200, summary.text)
    assert.equal(summary.body.count, 2)
    const csv = await staff.get(`/api/admin/invoices/export?id=${a.invoiceId}&id=${b.invoiceId}&_lang=zh-CN`)
    assert.equal(csv.status, 200, csv.text)
    assert.include(csv.text, '发票抬头')
    assert.include(csv.text, '500.000000')
    const { agent: support } = await staffAgent('support')
    assert.equal((await support.post(`/api/admin/invoices/${a.invoiceId}/actions/issue`, { invoice_number: 'INV-7', file_id: (await storedFile()).id })).status, 403)
    assert.equal((await db.from('invoices').where('id', a.invoiceId).first()).status, 'requested')
    // another organization's member cannot fetch the link of this invoice
    assert.equal((await b.finance.agent.get(`/api/portal/invoices/${a.invoiceId}/link`, b.finance.headers)).status, 404)
  })
})
