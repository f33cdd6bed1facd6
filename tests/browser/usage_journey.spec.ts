import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { openBrowser } from '#tests/browser/support/browser'
import { cellText, signInStaff, waitForTable } from '#tests/browser/support/console'
import { Agent, TEST_PASSWORD } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { fundCash } from '#tests/support/ledger'
import { pricedModel } from '#tests/support/usage_ingest'

const service = { authorization: `Bearer ${env.get('INTERNAL_SERVICE_TOKEN')}` }

/**
 * One customer's API usage end to end: the key is created in the portal and its secret shown
 * once; the gateway verifies it and reports a request through the internal API; the console's
 * consumption detail shows the row with its charge and margin; the portal's usage page draws it.
 */
test.group('Usage journey: portal key → metered request → console and portal', () => {
  test('a key created in the portal is billed for its usage, seen in the consumption detail and the usage chart', async (ctx) => {
    const { assert } = ctx
    // 1,000 input + 500 output tokens at 2 and 8 per 1M: charged 0.006; cost at 1 and 4 per 1M: 0.003
    const { model, channel } = await pricedModel()
    const customer = await createCustomer()
    await fundCash(customer.id, '10')

    // 1. the customer creates a key: the full secret is shown once, then only its prefix
    const browser = await openBrowser(ctx)
    const { page } = browser
    await browser.goto('/login?to=/account/keys')
    await page.locator('input#email').fill(customer.email)
    await page.locator('input#password').fill(TEST_PASSWORD)
    await page.locator('form button[type="submit"]').click()
    browser.signedIn = true
    await page.getByRole('heading', { name: 'API keys' }).waitFor()
    await page.getByRole('button', { name: 'Create key' }).first().click()
    const form = page.locator('.ant-modal').filter({ hasText: 'Create an API key' })
    await form.getByLabel('Name').fill('Journey key')
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/portal/keys') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Create key' }).click(),
    ])
    assert.equal(created.status(), 201)
    const secret = (await page.getByTestId('key-secret').innerText()).trim()
    assert.match(secret, /^cd_[1-9A-HJ-NP-Za-km-z]+_[1-9A-HJ-NP-Za-km-z]{32,}$/)
    await page.getByText('This is the only time this key is shown').waitFor()
    await page.getByRole('button', { name: 'I have copied it' }).click()
    await page.getByTestId('key-secret').waitFor({ state: 'detached' })
    assert.notInclude(await page.locator('body').innerText(), secret)
    const key = await db.from('api_keys').where('customer_id', customer.id).firstOrFail()
    await page.getByText(`cd_${key.prefix}_…`).waitFor()

    // 2. the gateway verifies the key and reports one request for it
    const verified = await new Agent().request('POST', '/api/internal/keys/verify', { key: secret, model: model.code, ip: '203.0.113.7' }, service)
    assert.equal(verified.status, 200, verified.text)
    assert.include(verified.body, { ok: true, key_id: Number(key.id) })
    const requestId = `journey-${Date.now().toString(36)}`
    const record = { request_id: requestId, api_key_id: Number(key.id), model: model.code, channel: channel.id, started_at: new Date().toISOString(), status: 'success', latency_ms: 850, input_tokens: 1000, output_tokens: 500 }
    const ingested = await new Agent().request('POST', '/api/internal/usage', { records: [record] }, service)
    assert.equal(ingested.status, 200, ingested.text)
    assert.deepInclude(ingested.body.results[0], { request_id: requestId, outcome: 'billed', charged: '0.006000' })

    // 3. the console's consumption detail shows the row with its charge, cost and margin
    const staff = await openBrowser(ctx)
    const filter = new URLSearchParams({ 'filters[0][field]': 'request_id', 'filters[0][operator]': 'eq', 'filters[0][value]': requestId })
    await signInStaff(staff, 'finance@demo.local', undefined, `/admin/login?to=${encodeURIComponent(`/r/usage-records?${filter}`)}`)
    await waitForTable(staff)
    assert.equal(await cellText(staff, 'Request ID'), requestId)
    assert.equal(await cellText(staff, 'Charged'), '$0.006')
    assert.equal(await cellText(staff, 'Provider cost'), '$0.003')
    assert.equal(await cellText(staff, 'Margin'), '$0.003')

    // 4. the portal's usage page draws the month with today's charge and lists the request
    await browser.goto('/account/usage')
    const bars = page.locator('[data-testid="usage-chart-days"] rect.cd-chart-bar')
    await page.locator('[data-testid="usage-chart-days"] rect.cd-chart-bar:not([height="0"])').first().waitFor()
    const heights = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))))
    assert.equal(heights.filter((h) => h > 0).length, 1, 'one day with usage')
    await page.getByTestId('usage-total-charged').filter({ hasText: '$0.006' }).waitFor()
    await page.locator('[data-testid="usage-chart-models"]').getByText(model.name, { exact: true }).waitFor()
    const row = page.locator('tr.ant-table-row').filter({ hasText: requestId.slice(0, 17) })
    await row.getByTestId('usage-charged').filter({ hasText: '$0.006' }).waitFor()
    assert.include(await row.innerText(), `cd_${key.prefix}_…`)
  })
})
