import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser } from '#tests/browser/support/browser'
import { cellText, clickSorter, mainTable, menuItem, nextListRequest, signInStaff, tableRows, totalText, waitForTable } from '#tests/browser/support/console'

const USERS_API = '/api/admin/users'

/** The customers ids in the order the list API promises: the requested sort, then id as tie-break. */
async function firstIdsBy(sortParam: string, orderParam: string, where: (q: any) => void = () => {}, limit = 3) {
  const fields = sortParam.split(',')
  const orders = orderParam.split(',') as Array<'asc' | 'desc'>
  const query = db.from('customers').select('id')
  where(query)
  fields.forEach((field, i) => query.orderBy(field, orders[i]))
  if (!fields.includes('id')) query.orderBy('id', orders.at(-1)!)
  const rows = await query.limit(limit)
  return rows.map((r) => String(r.id))
}

async function customerCount(where: (q: any) => void = () => {}) {
  const query = db.from('customers')
  where(query)
  const [{ count }] = await query.count('* as count')
  return Number(count)
}

test.group('Console: users list', () => {
  test('staff sign in and the users list loads with its total', async (ctx) => {
    const { assert } = ctx
    const browser = await openBrowser(ctx)
    const { page } = browser
    await signInStaff(browser, 'superadmin@demo.local')
    // who is signed in, with the role
    assert.include(await page.getByTestId('current-user').innerText(), 'Sam Super')
    assert.include(await page.getByTestId('current-user').innerText(), 'Super admin')

    const list = await nextListRequest(browser, USERS_API, () => menuItem(browser, 'Users').click())
    await waitForTable(browser)
    const count = await customerCount()
    assert.isAtLeast(count, 300, 'the demo data has ~300 customers')
    assert.equal(list.response.status(), 200)
    assert.equal(list.total, count, 'X-Total-Count is the number of customers')
    assert.equal(list.url.searchParams.get('_start'), '0')
    assert.equal(list.url.searchParams.get('_end'), '20')
    await totalText(browser).filter({ hasText: `Total ${count}` }).waitFor({ timeout: 5000 })
    assert.equal(await tableRows(browser).count(), 20)
    // the first row is the newest customer (default sort created_at desc, id as tie-break)
    assert.equal(await cellText(browser, 'ID', 0), (await firstIdsBy('created_at', 'desc'))[0])

    // Phone is sensitive: a super admin sees the stored value; a customer without a phone gets an
    // em dash and nothing to reveal (not a mask with a reveal button).
    const ids = await firstIdsBy('created_at', 'desc', () => {}, 20)
    const phones = new Map((await db.from('customers').whereIn('id', ids).select('id', 'phone')).map((r) => [String(r.id), r.phone as string | null]))
    assert.isTrue([...phones.values()].includes(null), 'the first page has customers without a phone')
    const phoneColumn = (await mainTable(browser).locator('thead th').allInnerTexts()).findIndex((h) => h.trim() === 'Phone')
    for (let i = 0; i < ids.length; i++) {
      const cell = tableRows(browser).nth(i).locator('td').nth(phoneColumn)
      const phone = phones.get(await cellText(browser, 'ID', i))
      assert.equal((await cell.innerText()).trim(), phone ?? '—', `row ${i}`)
      assert.equal(await cell.getByRole('button').count(), 0, `row ${i}: no reveal button`)
    }
    assert.deepEqual(browser.unexpectedProblems(), [])
  })

  test('sorting and filtering change the request and the rows', async (ctx) => {
    const { assert } = ctx
    const browser = await openBrowser(ctx)
    const { page } = browser
    await signInStaff(browser, 'superadmin@demo.local', undefined, '/admin/login?to=/r/users')
    await waitForTable(browser)

    // Turn the default sort (Created, descending) off, then sort by Nickname: ascending, descending.
    let req = await nextListRequest(browser, USERS_API, () => clickSorter(browser, 'Created'))
    assert.isNull(req.url.searchParams.get('_sort'), `no sort left: ${req.url.search}`)

    req = await nextListRequest(browser, USERS_API, () => clickSorter(browser, 'Nickname'))
    assert.equal(req.url.searchParams.get('_sort'), 'nickname')
    assert.equal(req.url.searchParams.get('_order'), 'asc')
    await waitForTable(browser)
    const byNicknameAsc = await firstIdsBy('nickname', 'asc')
    await tableRows(browser).first().locator('td', { hasText: new RegExp(`^${byNicknameAsc[0]}$`) }).waitFor({ timeout: 5000 })
    assert.equal(await cellText(browser, 'ID', 0), byNicknameAsc[0])

    req = await nextListRequest(browser, USERS_API, () => clickSorter(browser, 'Nickname'))
    assert.equal(req.url.searchParams.get('_sort'), 'nickname')
    assert.equal(req.url.searchParams.get('_order'), 'desc')
    const byNicknameDesc = await firstIdsBy('nickname', 'desc')
    assert.notEqual(byNicknameDesc[0], byNicknameAsc[0])
    await tableRows(browser).first().locator('td', { hasText: new RegExp(`^${byNicknameDesc[0]}$`) }).waitFor({ timeout: 5000 })
    assert.equal(await cellText(browser, 'ID', 0), byNicknameDesc[0])

    // Multi-column: add Tier (ascending) after Nickname.
    req = await nextListRequest(browser, USERS_API, () => clickSorter(browser, 'Tier'))
    const sortPairs = req.url.searchParams.get('_sort')!.split(',').map((f, i) => `${f}:${req.url.searchParams.get('_order')!.split(',')[i]}`)
    assert.sameMembers(sortPairs, ['nickname:desc', 'tier:asc'])
    const multi = await firstIdsBy(req.url.searchParams.get('_sort')!, req.url.searchParams.get('_order')!)
    await tableRows(browser).first().locator('td', { hasText: new RegExp(`^${multi[0]}$`) }).waitFor({ timeout: 5000 })

    // Filter: tier = pro (enum → multi-select, sent as tier=pro).
    req = await nextListRequest(browser, USERS_API, async () => {
      await page.getByRole('combobox', { name: 'Tier' }).click()
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Pro$/ }).click()
    })
    await page.keyboard.press('Escape')
    assert.deepEqual(req.url.searchParams.getAll('tier'), ['pro'])
    assert.equal(req.url.searchParams.get('_start'), '0', 'a new filter starts on the first page')
    const proCount = await customerCount((q) => q.where('tier', 'pro'))
    assert.isAbove(proCount, 0)
    assert.equal(req.total, proCount)
    await totalText(browser).filter({ hasText: `Total ${proCount}` }).waitFor({ timeout: 5000 })
    const proRows = await tableRows(browser).count()
    assert.equal(proRows, Math.min(proCount, 20))
    for (let i = 0; i < proRows; i++) assert.equal(await cellText(browser, 'Tier', i), 'Pro')

    // Filter: email contains "wang" (text → contains, sent as email_like=wang), combined with the tier.
    req = await nextListRequest(browser, USERS_API, () => page.getByRole('textbox', { name: 'Email' }).fill('wang'))
    assert.equal(req.url.searchParams.get('email_like'), 'wang')
    assert.deepEqual(req.url.searchParams.getAll('tier'), ['pro'])
    const where = (q: any) => q.where('tier', 'pro').whereILike('email', '%wang%')
    const both = await customerCount(where)
    assert.isAbove(both, 0, 'the demo data has pro customers named wang')
    assert.isBelow(both, proCount)
    assert.equal(req.total, both)
    await totalText(browser).filter({ hasText: `Total ${both}` }).waitFor({ timeout: 5000 })
    const rowCount = await tableRows(browser).count()
    assert.equal(rowCount, Math.min(both, 20))
    for (let i = 0; i < rowCount; i++) {
      assert.include((await cellText(browser, 'Email', i)).toLowerCase(), 'wang')
      assert.equal(await cellText(browser, 'Tier', i), 'Pro')
    }
    const expected = await firstIdsBy(req.url.searchParams.get('_sort')!, req.url.searchParams.get('_order')!, where)
    assert.equal(await cellText(browser, 'ID', 0), expected[0])

    // Filters and sort live in the URL: a reload shows the same rows.
    const reloaded = await nextListRequest(browser, USERS_API, () => page.reload())
    assert.equal(reloaded.url.searchParams.get('email_like'), 'wang')
    assert.deepEqual(reloaded.url.searchParams.getAll('tier'), ['pro'])
    assert.equal(reloaded.total, both)
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})
