import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser } from '#tests/browser/support/browser'
import { cellText, menuItem, nextListRequest, signInStaff, tableRows, waitForTable } from '#tests/browser/support/console'

test.group('Console: freeze a user, see it in the audit log', () => {
  test('ops opens a user, freezes it with a reason, and the audit viewer shows the entry', async (ctx) => {
    const { assert } = ctx
    // an active customer nobody else in the suite touches (highest id among the unfrozen ones)
    const customer = await db.from('customers').where('frozen', false).orderBy('id', 'desc').first()
    const reason = `Chargeback dispute #${Date.now().toString(36)} (browser test)`
    const browser = await openBrowser(ctx)
    const { page } = browser
    await signInStaff(browser, 'ops@demo.local', undefined, `/admin/login?to=/r/users/show/${customer.id}`)

    // the record page, with its actions
    await page.locator('.ant-page-header-heading-title').filter({ hasText: customer.email }).waitFor()
    const freeze = page.locator('.ant-page-header-heading-extra button[data-action="freeze"]')
    await freeze.click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    assert.include(await dialog.innerText(), `Are you sure you want to Freeze ${customer.email}?`)

    // a reason is required: the server is not called without one
    const posts = () => browser.callsTo(`/api/admin/users/${customer.id}/actions/freeze`, 'POST').length
    await dialog.getByRole('button', { name: 'Freeze' }).click()
    await dialog.getByText('A reason is required').waitFor()
    assert.equal(posts(), 0)

    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason)
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/admin/users/${customer.id}/actions/freeze`)),
      dialog.getByRole('button', { name: 'Freeze' }).click(),
    ])
    assert.equal(response.status(), 200)
    assert.deepEqual(JSON.parse(response.request().postData() ?? '{}'), { reason })
    await dialog.waitFor({ state: 'detached' })

    // the page reflects it: Unfreeze offered instead of Freeze, and the history shows the reason
    await page.locator('.ant-page-header-heading-extra button[data-action="unfreeze"]').waitFor()
    assert.equal(await freeze.count(), 0)
    await page.getByRole('tab', { name: 'History', exact: true }).click()
    await page.locator('.ant-timeline-item').filter({ hasText: reason }).waitFor()

    // the database agrees, and the audit row is there
    const after = await db.from('customers').where('id', customer.id).first()
    assert.isTrue(after.frozen)
    assert.equal(after.frozen_reason, reason)
    const rows = await db.from('audit_logs').where({ resource: 'users', record_id: String(customer.id), action: 'freeze' }).orderBy('id', 'desc')
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].reason, reason)
    assert.equal(rows[0].actor_label, 'ops@demo.local')

    // the audit viewer, filtered to freezes of users: the newest entry is this one
    await menuItem(browser, 'Audit log').click()
    await waitForTable(browser)
    const filtered = await nextListRequest(browser, '/api/admin/audit-logs', () => page.getByRole('textbox', { name: 'Action' }).fill('freeze'))
    assert.equal(filtered.url.searchParams.get('action_like'), 'freeze')
    assert.equal(filtered.total, Number((await db.from('audit_logs').whereILike('action', '%freeze%').count('* as c'))[0].c))
    await tableRows(browser).first().filter({ hasText: reason }).waitFor()
    assert.equal(await cellText(browser, 'Action', 0), 'Freeze')
    assert.equal(await cellText(browser, 'Record', 0), customer.email) // the record's label, not its id
    assert.equal(await cellText(browser, 'Reason', 0), reason)
    assert.include(await cellText(browser, 'Actor', 0), 'ops@demo.local')
    assert.include(await cellText(browser, 'Resource', 0), 'Users')

    // expanded, the row shows the before/after diff
    await tableRows(browser).first().click()
    const diff = page.getByRole('table', { name: 'Changes' }).first()
    await diff.waitFor()
    const frozenRow = diff.locator('tr').filter({ hasText: 'Frozen' })
    assert.equal(await frozenRow.locator('del').innerText(), 'No')
    assert.equal(await frozenRow.locator('ins').innerText(), 'Yes')

    // and links back to the record
    await tableRows(browser).first().getByRole('link', { name: customer.email }).click()
    await page.waitForURL(`**/admin/r/users/show/${customer.id}`)
    await page.locator('.ant-page-header-heading-extra button[data-action="unfreeze"]').waitFor()
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})
