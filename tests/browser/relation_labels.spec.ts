import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { readFile } from 'node:fs/promises'
import { openBrowser } from '#tests/browser/support/browser'
import { cellText, nextListRequest, signInStaff, tableRows, totalText, waitForTable } from '#tests/browser/support/console'
import { superAdminAgent } from '#tests/browser/support/staff_api'
import { csvObjects } from '#tests/support/csv'

/** An offline order recorded by the super admin for one customer, through the orders API. */
async function recordOrder() {
  const customer = await db.from('customers').where('frozen', false).orderBy('id', 'asc').offset(3).first()
  const plan = await db.from('plans').where('active', true).orderBy('id', 'asc').first()
  const currency = Object.keys(plan.prices)[0]
  const admin = await superAdminAgent()
  const reply = await admin.post('/api/admin/orders', { customer_id: Number(customer.id), channel: 'bank_transfer', plan_id: Number(plan.id), currency })
  if (reply.status !== 201) throw new Error(`recording the order answered ${reply.status}: ${reply.text}`)
  return { order: reply.body as { id: number; number: string }, customer, plan }
}

test.group('Console: relations shown by their labels', () => {
  test('an order names its customer, plan and operator in the list, on its page and in the CSV', async (ctx) => {
    const { assert } = ctx
    const { order, customer, plan } = await recordOrder()
    const staff = await db.from('staff').where('email', 'superadmin@demo.local').first()
    const browser = await openBrowser(ctx)
    const { page } = browser
    await signInStaff(browser, 'superadmin@demo.local', undefined, '/admin/login?to=/r/orders')
    await waitForTable(browser)

    // The list: one row for the order number, relations by label, linked to their records.
    const list = await nextListRequest(browser, '/api/admin/orders', () => page.getByRole('textbox', { name: 'Order number' }).fill(order.number))
    assert.equal(list.total, 1)
    await totalText(browser).filter({ hasText: 'Total 1' }).waitFor()
    await waitForTable(browser)
    assert.equal(await tableRows(browser).count(), 1)
    assert.equal(await cellText(browser, 'Customer'), customer.email)
    assert.equal(await cellText(browser, 'Plan'), plan.name)
    assert.equal(await cellText(browser, 'Operator'), staff.email)
    const customerLink = tableRows(browser).first().getByRole('link', { name: customer.email })
    assert.equal(await customerLink.getAttribute('href'), `/admin/r/users/show/${customer.id}`)
    const rowText = await tableRows(browser).first().innerText()
    assert.notMatch(rowText, /#\d+/, 'no relation is shown as a bare id')
    // the rows carried their labels: the list looked nothing up
    assert.deepEqual(browser.callsTo('/api/admin/users').filter((c) => c.url.searchParams.has('id')), [])
    assert.deepEqual(browser.callsTo('/api/admin/staff').filter((c) => c.url.searchParams.has('id')), [])

    // The CSV of the same filter: the label in the relation's column, its id beside it.
    const [download, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/admin/orders/export'),
      page.getByTestId('export-csv').click(),
    ])
    assert.equal(response.status(), 200)
    const { header, rows } = csvObjects(await readFile((await download.path())!, 'utf8'))
    for (const column of ['Customer', 'Customer ID', 'Plan', 'Plan ID', 'Operator', 'Operator ID']) assert.include(header, column)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].Customer, customer.email)
    assert.equal(rows[0]['Customer ID'], String(customer.id))
    assert.equal(rows[0].Plan, plan.name)
    assert.equal(rows[0].Operator, staff.email)
    assert.equal(rows[0]['Operator ID'], String(staff.id))

    // The order's page: the same labels, linked.
    await page.getByRole('link', { name: order.number }).click()
    const details = page.locator('.ant-card.cd-section').filter({ has: page.locator('.ant-card-head-title', { hasText: /^Details$/ }) })
    await details.getByRole('link', { name: customer.email }).waitFor()
    assert.equal(await details.getByRole('link', { name: customer.email }).getAttribute('href'), `/admin/r/users/show/${customer.id}`)
    const detailsText = await details.innerText()
    assert.include(detailsText, plan.name)
    assert.include(detailsText, staff.email)
    assert.notMatch(detailsText, /^#\d+$/m, 'no relation is shown as a bare id')
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})
