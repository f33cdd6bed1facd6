import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { formatMoney, sumAmounts } from '#contract/money'
import { openBrowser, type BrowserSession } from '#tests/browser/support/browser'
import { cellText, chooseOption, menuItem, nextListRequest, signInStaff, signOutStaff, tableRows, waitForTable } from '#tests/browser/support/console'
import { superAdminAgent } from '#tests/browser/support/staff_api'

/** The second finance member of the demo data (the checker). */
const CHECKER = 'finance2@demo.local'

async function balancesOf(id: number) {
  const reply = await (await superAdminAgent()).get(`/api/admin/users/${id}/balances`)
  return reply.body as { currency: string; cash: string; gift: string }
}

const balanceCard = (browser: BrowserSession, key: 'cash' | 'gift') => browser.page.locator(`[data-balance="${key}"] .ant-statistic-content`)
const signedAmounts = (browser: BrowserSession) => browser.page.locator('.cd-fixed-list[data-resource="ledger-transactions"] [data-sign]')

test.group('Console: the customer page as the support desk', () => {
  test('ops grants a voucher and finance adjusts cash under maker-checker; the customer page and the audit log show both', async (ctx) => {
    const { assert } = ctx
    // an active customer the other specs leave alone (the freeze spec takes the highest id)
    const customer = await db.from('customers').where('frozen', false).orderBy('id', 'asc').first()
    const before = await balancesOf(customer.id)
    const money = (amount: string) => formatMoney(amount, before.currency, { locale: 'en' })
    const run = Date.now().toString(36)
    const page = `/r/users/show/${customer.id}`

    // 1. operations grants a voucher, in one dialog, from the customer page
    const browser = await openBrowser(ctx)
    await signInStaff(browser, 'ops@demo.local', undefined, `/admin/login?to=${encodeURIComponent(page)}`)
    await browser.page.locator('.ant-page-header-heading-title').filter({ hasText: customer.email }).waitFor()
    assert.equal(await balanceCard(browser, 'gift').innerText(), money(before.gift))
    await browser.page.locator('.ant-page-header-heading-extra button[data-action="grant_voucher"]').click()
    const grant = browser.page.getByRole('dialog')
    await grant.getByRole('textbox', { name: 'Amount' }).fill('5')
    await grant.getByRole('spinbutton', { name: 'Valid for (days)' }).fill('30')
    await grant.getByRole('textbox', { name: 'Reason' }).fill(`Outage goodwill ${run}`)
    const [granted] = await Promise.all([
      browser.page.waitForResponse((r) => r.url().endsWith(`/api/admin/users/${customer.id}/actions/grant_voucher`)),
      grant.getByRole('button', { name: 'Grant voucher' }).click(),
    ])
    assert.equal(granted.status(), 200)
    assert.match(granted.request().headers()['idempotency-key'] ?? '', /^[0-9a-f-]{36}$/)
    // a grant is a receipt, not a secret: the dialog closes, the confirmation reads it back formatted
    await grant.waitFor({ state: 'detached' })
    const receipt = await browser.page.locator('.ant-notification-notice').filter({ hasText: 'Valid until' }).innerText()
    assert.include(receipt, 'Amount: $5.00')
    assert.notMatch(receipt, /\d{4}-\d\d-\d\dT\d\d:/)
    assert.notInclude(await browser.page.locator('body').innerText(), 'Copy this now')
    const giftAfter = sumAmounts([before.gift, '5'])
    await browser.page.locator('[data-balance="gift"]').filter({ hasText: money(giftAfter) }).waitFor()
    await signOutStaff(browser)

    // 2. finance requests a cash credit: it waits for someone else
    await signInStaff(browser, 'finance@demo.local', undefined, `/admin/login?to=${encodeURIComponent(page)}`)
    await browser.page.locator('.ant-page-header-heading-extra button[data-action="request_cash_adjustment"]').click()
    const request = browser.page.getByRole('dialog')
    await chooseOption(browser, 'Direction', 'Credit (add to cash)')
    await request.getByRole('textbox', { name: 'Amount' }).fill('12.5')
    await request.getByRole('textbox', { name: 'Reference' }).fill(`TICKET-${run}`)
    await request.getByRole('textbox', { name: 'Reason' }).fill('Bank transfer arrived without an order')
    const [requested] = await Promise.all([
      browser.page.waitForResponse((r) => r.url().endsWith(`/api/admin/users/${customer.id}/actions/request_cash_adjustment`)),
      request.getByRole('button', { name: 'Cash adjustment' }).click(),
    ])
    assert.equal(requested.status(), 200)
    await request.waitFor({ state: 'detached' })
    await browser.page.getByTestId('pending-adjustments').waitFor()
    assert.equal(await balanceCard(browser, 'cash').innerText(), money(before.cash)) // nothing moved yet

    // the maker cannot approve their own request
    await browser.page.getByTestId('pending-adjustments').getByRole('button', { name: 'Review' }).click()
    const adjustments = browser.page.locator('.cd-fixed-list[data-resource="cash-adjustments"]')
    const mine = adjustments.locator('tr.ant-table-row').filter({ hasText: `TICKET-${run}` })
    await mine.locator('button[data-action="approve"]').click()
    const own = browser.page.getByRole('dialog')
    browser.expectFailure(`/api/admin/cash-adjustments/${await adjustmentId(run)}/actions/approve`, 403)
    await own.getByRole('button', { name: 'Approve and post' }).click()
    await own.getByRole('alert').filter({ hasText: 'another finance member must review it' }).waitFor()
    await own.getByRole('button', { name: 'Cancel' }).click()
    await signOutStaff(browser)

    // 3. a second finance member approves it, from the customer's cash adjustments tab
    await signInStaff(browser, CHECKER, undefined, `/admin/login?to=${encodeURIComponent(`${page}?tab=cashAdjustments`)}`)
    const theirs = browser.page.locator('.cd-fixed-list[data-resource="cash-adjustments"] tr.ant-table-row').filter({ hasText: `TICKET-${run}` })
    await theirs.locator('button[data-action="approve"]').click()
    const approve = browser.page.getByRole('dialog')
    const [approved] = await Promise.all([
      browser.page.waitForResponse((r) => r.url().includes('/actions/approve') && r.request().method() === 'POST'),
      approve.getByRole('button', { name: 'Approve and post' }).click(),
    ])
    assert.equal(approved.status(), 200)
    await approve.waitFor({ state: 'detached' })

    // both are in the header balances and in the ledger tab, with their signs
    const cashAfter = sumAmounts([before.cash, '12.5'])
    await browser.page.locator('[data-balance="cash"]').filter({ hasText: money(cashAfter) }).waitFor()
    assert.equal(await balanceCard(browser, 'gift').innerText(), money(giftAfter))
    await browser.page.getByRole('tab', { name: 'Ledger' }).click()
    await signedAmounts(browser).first().waitFor()
    const rows = browser.page.locator('.cd-fixed-list[data-resource="ledger-transactions"] tr.ant-table-row')
    const adjustmentRow = rows.filter({ hasText: 'Cash adjustment' }).first()
    const voucherRow = rows.filter({ hasText: `Outage goodwill ${run}` }).first()
    assert.equal(await adjustmentRow.locator('[data-sign]').innerText(), `+${money('12.5')}`)
    assert.equal(await voucherRow.locator('[data-sign]').innerText(), `+${money('5')}`)
    assert.isAbove(await rows.count(), 1)

    // the audit log names who granted the voucher and to whom (labels, not ids)
    await menuItem(browser, 'Audit log').click()
    await waitForTable(browser)
    await nextListRequest(browser, '/api/admin/audit-logs', () => browser.page.getByRole('textbox', { name: 'Action' }).fill('grant_voucher'))
    await tableRows(browser).first().filter({ hasText: `Outage goodwill ${run}` }).waitFor()
    assert.include(await cellText(browser, 'Actor', 0), 'ops@demo.local')
    const record = await cellText(browser, 'Record', 0)
    assert.notEqual(record, `#${customer.id}`)
    assert.match(record, /@/) // the customer's (masked for finance) email
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})

async function adjustmentId(run: string) {
  const row = await db.from('cash_adjustments').where('reference', `TICKET-${run}`).first()
  return row.id
}
