import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser } from '#tests/browser/support/browser'
import { signInStaff, switchLanguage } from '#tests/browser/support/console'
import { textFindings } from '#tests/browser/support/page_checks'
import { createCustomer } from '#tests/support/fixtures'
import { fundCash } from '#tests/support/ledger'
import { ingest, pricedModel, usageRecord } from '#tests/support/usage_ingest'

/**
 * The dashboard (issue 11 §4) as an operator reads it: every card with today, this week, month and
 * year; a click on a card draws its trend, another period redraws it by hour; the same in Chinese.
 */
test.group('Console: dashboard', () => {
  test('cards for the four periods, a clicked card’s trend, in English and Chinese', async (ctx) => {
    const { assert } = ctx
    const { model, channel } = await pricedModel()
    const customer = await createCustomer()
    await fundCash(customer.id, '10')
    const ingested = await ingest({ records: [usageRecord({ customer_id: customer.id, model: model.code, channel: channel.id, input_tokens: 1000, output_tokens: 500 })] })
    assert.equal(ingested.body.billed, 1)
    const today = new Date().toISOString().slice(0, 10)
    const [{ n: newToday }] = (await db.rawQuery(`SELECT count(*)::int AS n FROM customers WHERE created_at >= ?::date`, [today])).rows
    const [{ n: activeToday }] = (await db.rawQuery('SELECT count(DISTINCT customer_id)::int AS n FROM usage_rollup_daily WHERE bucket = ?::date', [today])).rows

    const browser = await openBrowser(ctx)
    const { page } = browser
    await signInStaff(browser, 'superadmin@demo.local')
    const cards = page.locator('[data-testid^="card-"][role="button"]')
    await page.getByTestId('card-tokens').waitFor()
    assert.deepEqual(
      await cards.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid'))),
      ['card-new_users', 'card-recharged', 'card-tokens', 'card-cost', 'card-revenue', 'card-margin', 'card-staff_logins', 'card-active_users']
    )
    assert.equal(await page.getByTestId('card-new_users-today').locator('.cd-period-card-value').innerText(), newToday.toLocaleString('en-US'))
    assert.equal(await page.getByTestId('card-active_users-today').locator('.cd-period-card-value').innerText(), activeToday.toLocaleString('en-US'))
    for (const period of ['week', 'month', 'year']) assert.match(await page.getByTestId(`card-revenue-${period}`).innerText(), /^This (week|month|year)\n\$[\d,]+\.\d\d$/)
    assert.include(await page.getByTestId('dashboard-periods-note').innerText(), 'UTC')

    // a click on a card: its trend, this month by day; then today by hour
    const trend = page.getByTestId('dashboard-trend')
    const asked = (period: string) => page.waitForResponse((r) => r.url().includes('/api/admin/dashboard/trend') && r.url().includes('card=tokens') && r.url().includes(`period=${period}`))
    await Promise.all([asked('month'), page.getByTestId('card-tokens').click()])
    await trend.locator('.ant-card-head').filter({ hasText: 'Tokens consumed trend' }).waitFor()
    await trend.locator('canvas').first().waitFor()
    assert.equal(await page.getByTestId('card-tokens').getAttribute('aria-pressed'), 'true')
    const [hourly] = await Promise.all([asked('today'), trend.getByText('Today', { exact: true }).click()])
    const body = await hourly.json()
    assert.equal(body.granularity, 'hour')
    assert.lengthOf(body.points, new Date().getUTCHours() + 1)
    assert.isAtLeast(Number(body.points.at(-1).value) + Number(body.points.at(-2)?.value ?? 0), 1500)
    await trend.locator('.ant-card-head').filter({ hasText: 'by hour' }).waitFor()
    assert.deepEqual(await textFindings(browser), [])

    // the same in Chinese
    await switchLanguage(browser, 'zh-CN')
    await page.getByTestId('card-tokens').filter({ hasText: 'Tokens 消耗' }).waitFor()
    assert.include(await page.getByTestId('card-new_users').innerText(), '新增用户')
    assert.include(await page.getByTestId('card-revenue-week').innerText(), '本周')
    assert.include(await page.getByTestId('dashboard-periods-note').innerText(), '点击卡片查看趋势')
    await trend.locator('.ant-card-head').filter({ hasText: 'Tokens 消耗趋势' }).waitFor()
    await trend.locator('.ant-card-head').filter({ hasText: '按小时' }).waitFor()
    assert.deepEqual(await textFindings(browser), [])
  }).timeout(120_000)
})
