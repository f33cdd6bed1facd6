import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser } from '#tests/browser/support/browser'
import { mainTable, menuItem, signInStaff, signOutStaff, switchLanguage, totalText, waitForTable } from '#tests/browser/support/console'
import { textFindings } from '#tests/browser/support/page_checks'

test.group('Console: languages', () => {
  test('switching to zh-CN translates the menu and a list, and is remembered after a reload', async (ctx) => {
    const { assert } = ctx
    const browser = await openBrowser(ctx)
    const { page } = browser
    const [{ count }] = await db.from('customers').count('* as count')
    await signInStaff(browser, 'superadmin@demo.local')
    await menuItem(browser, 'Users').waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')

    await switchLanguage(browser, 'zh-CN')
    // the menu: built-in entries and labels declared by the backend
    for (const entry of ['仪表盘', '用户', '审计日志', '员工', '角色与权限']) await menuItem(browser, entry).waitFor()
    assert.equal(await menuItem(browser, 'Users').count(), 0)
    assert.equal(await menuItem(browser, 'Audit log').count(), 0)
    assert.include(await page.getByTestId('current-user').innerText(), '超级管理员')

    // a list: column headers, pagination, buttons and filters in Chinese
    await menuItem(browser, '用户').click()
    await waitForTable(browser)
    const headers = (await mainTable(browser).locator('thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean)
    for (const header of ['用户ID', '邮箱', '昵称', '手机号', '类型', '认证状态', '账号等级', '冻结', '创建时间', '操作']) assert.include(headers, header)
    for (const english of ['Email', 'Nickname', 'Tier', 'Created', 'Actions']) assert.notInclude(headers, english)
    await totalText(browser).filter({ hasText: `共 ${count} 条` }).waitFor()
    assert.include(await page.locator('.ant-pagination-options').innerText(), '条/页') // antd's own texts follow too
    assert.equal(await page.getByTestId('export-csv').innerText(), '导出 CSV')
    assert.equal(await page.getByRole('textbox', { name: '邮箱' }).getAttribute('placeholder'), '邮箱')
    assert.include(await page.locator('.ant-table-row').first().innerText(), '否') // boolean and enum values too
    assert.deepEqual(await textFindings(browser), [])

    // remembered: a reload (a new visit) comes back in Chinese
    await page.reload()
    await waitForTable(browser)
    await menuItem(browser, '用户').waitFor()
    assert.include((await mainTable(browser).locator('thead th').allInnerTexts()).join('|'), '账号等级')
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN')
    assert.equal(await page.evaluate(() => localStorage.getItem('creditdesk.lang')), 'zh-CN')

    // the sign-in page as well, after signing out
    await signOutStaff(browser)
    await page.getByText('登录 Creditdesk').waitFor()

    // and back to English
    await signInStaff(browser, 'superadmin@demo.local')
    await switchLanguage(browser, 'en')
    await menuItem(browser, 'Users').waitFor()
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})
