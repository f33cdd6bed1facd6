import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import { openBrowser, type BrowserSession } from '#tests/browser/support/browser'
import { signInStaff, switchLanguage } from '#tests/browser/support/console'
import { createCustomer } from '#tests/support/fixtures'

/**
 * A report as finance reads it: the recharge trend of March 2031 (two paid orders written for the
 * test, far from the demo data) by week, drawn as a chart, listed with its totals, and the same
 * figures downloaded as CSV — in English, then in Chinese.
 */
const QUERY = 'from=2031-03-01&to=2031-03-31&granularity=week&zone=UTC'

async function paidOrder(customerId: number, amountCents: number, grant: number, paidAt: string) {
  const [row] = await db
    .table('orders')
    .insert({ customer_id: customerId, plan_id: null, plan_name: null, channel: 'bank_transfer', currency: 'USD', amount: amountCents, grant_amount: grant, status: 'PAID', refunded_amount: 0, created_at: paidAt, paid_at: paidAt })
    .returning('id')
  return Number(row.id)
}

async function downloadCsv(browser: BrowserSession) {
  const [download] = await Promise.all([browser.page.waitForEvent('download'), browser.page.getByTestId('report-csv').click()])
  return { name: download.suggestedFilename(), lines: (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/) }
}

/** The data row whose first cell reads `period`. */
const rowOf = (browser: BrowserSession, period: string) => browser.page.getByTestId('report-table').locator('tbody tr.ant-table-row').filter({ hasText: period })

test.group('Reports: a report with its chart and its CSV', (group) => {
  const orders: number[] = []
  group.each.teardown(async () => {
    if (orders.length) await db.from('orders').whereIn('id', orders).delete()
    orders.length = 0
  })

  test('recharge trend by week: chart, table and totals, and the same figures in the CSV, in English and in Chinese', async (ctx) => {
    const { assert } = ctx
    const a = await createCustomer()
    const b = await createCustomer()
    orders.push(await paidOrder(a.id, 990, 9_900_000, '2031-03-04T10:00:00Z'), await paidOrder(b.id, 5000, 50_000_000, '2031-03-12T10:00:00Z'))

    const browser = await openBrowser(ctx)
    const { page } = browser
    await signInStaff(browser, 'finance@demo.local', undefined, `/admin/login?to=${encodeURIComponent(`/reports/recharge_trend?${QUERY}`)}`)
    await page.getByRole('heading', { name: 'Recharge trend' }).waitFor()
    const totals = page.getByTestId('report-totals')
    await totals.filter({ hasText: '$59.90' }).waitFor()
    assert.include(await totals.innerText(), 'Totals')
    assert.include(await rowOf(browser, 'Mar 3, 2031').innerText(), '$9.90')
    assert.include(await rowOf(browser, 'Mar 10, 2031').innerText(), '$50.00')
    // the chart is drawn (a canvas inside the report's chart)
    await page.locator('[data-testid="report-chart"] canvas').first().waitFor()
    // the report list groups the reports, and the menu has the section
    await page.getByTestId('report-list').getByText('Money in and out').waitFor()
    await page.locator('.cd-sider-menu').getByRole('link', { name: 'Reports' }).waitFor()

    await browser.screenshot('reports/recharge-trend-en.png')
    const en = await downloadCsv(browser)
    assert.equal(en.name, 'recharge_trend-2031-03-01-2031-03-31-week.csv')
    assert.include(en.lines[0], 'Paid orders')
    assert.match(en.lines.at(-1)!, /^Total,2,2,59\.900000$/)

    await switchLanguage(browser, 'zh-CN')
    await page.getByRole('heading', { name: '充值趋势' }).waitFor()
    await totals.filter({ hasText: 'US$59.90' }).waitFor()
    assert.include(await totals.innerText(), '合计')
    assert.include(await rowOf(browser, '2031年3月3日').innerText(), 'US$9.90')
    await page.getByTestId('report-list').getByText('收入与支出').waitFor()
    await browser.screenshot('reports/recharge-trend-zh-CN.png')
    const zh = await downloadCsv(browser)
    assert.include(zh.lines[0], '支付订单数')
    assert.match(zh.lines.at(-1)!, /^合计,2,2,59\.900000$/)

    assert.deepEqual(browser.unexpectedProblems(), [])
  }).timeout(90_000)
})
