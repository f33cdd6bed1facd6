import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser, type BrowserSession } from '#tests/browser/support/browser'
import { chooseOption, clickSorter, mainTable, nextListRequest, signInStaff, signOutStaff, tableRows, waitForTable } from '#tests/browser/support/console'

const USERS_API = '/api/admin/users'
const SUMMARY_API = '/api/admin/users/summary'

async function customerCount(where: (q: any) => void = () => {}) {
  const query = db.from('customers')
  where(query)
  const [{ count }] = await query.count('* as count')
  return Number(count)
}

const number = (n: number) => new Intl.NumberFormat('en').format(n)
const tabCount = (browser: BrowserSession, key: string) => browser.page.getByTestId(`tab-count-${key}`)
const phoneHeader = (browser: BrowserSession) => mainTable(browser).locator('thead th').filter({ hasText: /^Phone$/ })
const headers = async (browser: BrowserSession) => (await mainTable(browser).locator('thead th').allInnerTexts()).map((h) => h.trim())

/** Runs `act` and returns the next summary request it causes. */
async function nextSummary(browser: BrowserSession, act: () => Promise<unknown>) {
  const [response] = await Promise.all([
    browser.page.waitForResponse((r) => new URL(r.url()).pathname === SUMMARY_API && r.request().method() === 'GET'),
    act(),
  ])
  return { url: new URL(response.url()), body: await response.json() }
}

test.group('Console: list tabs and saved views', () => {
  test('quick tabs change the request and the counts follow the other filters', async (ctx) => {
    const { assert } = ctx
    const browser = await openBrowser(ctx)
    const { page } = browser
    const summary = await nextSummary(browser, () => signInStaff(browser, 'superadmin@demo.local', undefined, '/admin/login?to=/r/users'))
    await waitForTable(browser)

    const frozen = await customerCount((q) => q.where('frozen', true))
    const active = await customerCount((q) => q.where('frozen', false))
    assert.isAbove(frozen, 0, 'the demo data has frozen customers')
    assert.deepInclude(summary.body.tabs, { all: frozen + active, active, frozen })
    await tabCount(browser, 'all').filter({ hasText: number(frozen + active) }).waitFor()
    assert.equal(await tabCount(browser, 'frozen').innerText(), number(frozen))
    assert.equal(await tabCount(browser, 'active').innerText(), number(active))

    // The "Frozen" tab filters the list (frozen IN (true)) and the table shows only frozen customers.
    const list = await nextListRequest(browser, USERS_API, () => page.getByRole('tab', { name: /^Frozen/ }).click())
    assert.deepEqual(list.url.searchParams.getAll('frozen'), ['true'])
    assert.equal(list.url.searchParams.get('_start'), '0')
    assert.equal(list.total, frozen)
    await waitForTable(browser)
    assert.equal(await page.getByRole('tab', { name: /^Frozen/ }).getAttribute('aria-selected'), 'true')
    assert.equal(await tableRows(browser).count(), Math.min(frozen, 20))

    // Another filter: the counts follow it (tab counts ignore the tab's own filter), the tab stays on.
    const wang = (q: any) => q.whereILike('email', '%wang%')
    const filtered = await nextSummary(browser, () => page.getByRole('textbox', { name: 'Email' }).fill('wang'))
    assert.equal(filtered.url.searchParams.get('email_like'), 'wang')
    const wangFrozen = await customerCount((q) => wang(q.where('frozen', true)))
    const wangActive = await customerCount((q) => wang(q.where('frozen', false)))
    assert.isAbove(wangFrozen + wangActive, 0)
    assert.isBelow(wangFrozen + wangActive, frozen + active)
    assert.deepInclude(filtered.body.tabs, { all: wangFrozen + wangActive, active: wangActive, frozen: wangFrozen })
    await tabCount(browser, 'all').filter({ hasText: new RegExp(`^${number(wangFrozen + wangActive)}$`) }).waitFor()
    assert.equal(await tabCount(browser, 'active').innerText(), number(wangActive))
    const last = browser.callsTo(USERS_API).at(-1)!
    assert.deepEqual(last.url.searchParams.getAll('frozen'), ['true'])
    assert.equal(last.url.searchParams.get('email_like'), 'wang')

    // "All" drops only the tab's filter.
    const all = await nextListRequest(browser, USERS_API, () => page.getByRole('tab', { name: /^All/ }).click())
    assert.deepEqual(all.url.searchParams.getAll('frozen'), [])
    assert.equal(all.url.searchParams.get('email_like'), 'wang')
    assert.equal(all.total, wangFrozen + wangActive)
    assert.deepEqual(browser.unexpectedProblems(), [])
  })

  test('a saved view restores filters, sort and columns after signing out and in again', async (ctx) => {
    const { assert } = ctx
    const browser = await openBrowser(ctx)
    const { page } = browser
    const name = `Pro by nickname ${Date.now()}`
    await signInStaff(browser, 'finance@demo.local', undefined, '/admin/login?to=/r/users')
    await waitForTable(browser)

    // Build the view: tier Pro, sorted by nickname, without the Phone column.
    await nextListRequest(browser, USERS_API, () => chooseOption(browser, 'Tier', 'Pro'))
    await page.keyboard.press('Escape')
    const sorted = await nextListRequest(browser, USERS_API, () => clickSorter(browser, 'Nickname'))
    const sort = [sorted.url.searchParams.get('_sort'), sorted.url.searchParams.get('_order')]
    assert.include(sort[0]!, 'nickname')
    await page.getByRole('button', { name: /Columns/ }).click()
    await page.locator('.ant-popover').getByRole('checkbox', { name: 'Phone' }).click()
    await phoneHeader(browser).waitFor({ state: 'detached' })
    await page.getByRole('button', { name: /Columns/ }).click()
    assert.include(page.url(), 'columns=')

    await page.getByTestId('views-button').click()
    const panel = page.getByTestId('saved-views')
    await panel.getByText('No saved views yet').or(panel.locator('.cd-view-name')).first().waitFor()
    await panel.getByRole('textbox', { name: 'View name' }).fill(name)
    const [saved] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/admin/saved-views' && r.request().method() === 'POST'),
      panel.getByRole('button', { name: 'Save' }).click(),
    ])
    assert.oneOf(saved.status(), [200, 201])
    await panel.locator('.cd-view-name', { hasText: name }).waitFor()
    await page.keyboard.press('Escape')

    // A new session, with nothing left in this browser's storage: the view comes from the server.
    await signOutStaff(browser)
    await page.evaluate(() => localStorage.clear())
    await signInStaff(browser, 'finance@demo.local', undefined, '/admin/login?to=/r/users')
    await waitForTable(browser)
    assert.include(await headers(browser), 'Phone')
    assert.deepEqual(browser.callsTo(USERS_API).at(-1)!.url.searchParams.getAll('tier'), [])

    await page.getByTestId('views-button').click()
    const restored = await nextListRequest(browser, USERS_API, () => panel.locator('.cd-view-name', { hasText: name }).click())
    assert.deepEqual(restored.url.searchParams.getAll('tier'), ['pro'])
    assert.deepEqual([restored.url.searchParams.get('_sort'), restored.url.searchParams.get('_order')], sort)
    assert.equal(restored.total, await customerCount((q) => q.where('tier', 'pro')))
    await waitForTable(browser)
    await phoneHeader(browser).waitFor({ state: 'detached' })
    assert.include(await page.getByTestId('views-button').innerText(), name)
    // the restored view is the URL: a reload keeps it
    const reloaded = await nextListRequest(browser, USERS_API, () => page.reload())
    assert.deepEqual(reloaded.url.searchParams.getAll('tier'), ['pro'])
    await waitForTable(browser)
    assert.notInclude(await headers(browser), 'Phone')
    assert.include(await headers(browser), 'Nickname')

    // Deleting it leaves the finance member without saved views of this list.
    await page.getByTestId('views-button').click()
    const [deleted] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/admin/saved-views/') && r.request().method() === 'DELETE'),
      panel.getByRole('button', { name: `Delete view “${name}”` }).click(),
    ])
    assert.isBelow(deleted.status(), 300)
    await panel.locator('.cd-view-name', { hasText: name }).waitFor({ state: 'detached' })
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})
