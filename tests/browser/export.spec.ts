import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { readFile } from 'node:fs/promises'
import { openBrowser } from '#tests/browser/support/browser'
import { chooseOption, nextListRequest, signInStaff, totalText, waitForTable } from '#tests/browser/support/console'
import { csvObjects } from '#tests/support/csv'

test.group('Console: CSV export', () => {
  test('Export CSV downloads exactly the rows of the current filter', async (ctx) => {
    const { assert } = ctx
    const browser = await openBrowser(ctx)
    const { page } = browser
    await signInStaff(browser, 'finance@demo.local', undefined, '/admin/login?to=/r/users')
    await waitForTable(browser)

    // Filter: tier in (pro, enterprise) and verification = verified, through the filter bar.
    await nextListRequest(browser, '/api/admin/users', () => chooseOption(browser, 'Tier', 'Pro'))
    await nextListRequest(browser, '/api/admin/users', () => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Enterprise$/ }).click())
    await page.keyboard.press('Escape')
    const list = await nextListRequest(browser, '/api/admin/users', () => chooseOption(browser, 'Verification', 'Verified'))
    await page.keyboard.press('Escape')
    assert.sameMembers(list.url.searchParams.getAll('tier'), ['pro', 'enterprise'])
    assert.deepEqual(list.url.searchParams.getAll('verification_status'), ['verified'])

    const expected = await db.from('customers').whereIn('tier', ['pro', 'enterprise']).where('verification_status', 'verified').select('id')
    assert.isAbove(expected.length, 20, 'more rows than one page, so the export is not just the visible page')
    assert.equal(list.total, expected.length, 'X-Total-Count of the filtered list is the database count')
    await totalText(browser).filter({ hasText: `Total ${expected.length}` }).waitFor()

    // Export: the file arrives through the browser's download, named after the resource.
    const [file, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/admin/users/export'),
      page.getByTestId('export-csv').click(),
    ])
    assert.equal(response.status(), 200)
    const exportUrl = new URL(response.url())
    assert.sameMembers(exportUrl.searchParams.getAll('tier'), ['pro', 'enterprise'])
    assert.deepEqual(exportUrl.searchParams.getAll('verification_status'), ['verified'])
    assert.isNull(exportUrl.searchParams.get('_start'), 'an export is not paginated')
    assert.isNull(exportUrl.searchParams.get('_end'))
    assert.match(file.suggestedFilename(), /^users-\d{8}-\d{4}\.csv$/)

    const { header, rows } = csvObjects(await readFile((await file.path())!, 'utf8'))
    for (const column of ['ID', 'Email', 'Tier', 'Verification']) assert.include(header, column)
    assert.lengthOf(rows, list.total, 'one CSV row per row of the filtered list')
    assert.sameMembers(
      rows.map((r) => Number(r.ID)),
      expected.map((r) => Number(r.id)),
      'exactly the matching customers'
    )
    // enums read as on screen, in the viewer's language (the console asks with _lang)
    assert.equal(exportUrl.searchParams.get('_lang'), 'en')
    for (const row of rows) {
      assert.include(['Pro', 'Enterprise'], row.Tier, `row ${row.ID}`)
      assert.equal(row.Verification, 'Verified', `row ${row.ID}`)
    }

    // the progress dialog closes, a notification says how many rows, the export is audited
    await page.getByText(`Export finished: ${rows.length} rows`).waitFor()
    const audit = await db.from('audit_logs').where({ action: 'export', resource: 'users', actor_label: 'finance@demo.local' }).orderBy('id', 'desc').first()
    assert.equal(audit.metadata.rows, rows.length)
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})
