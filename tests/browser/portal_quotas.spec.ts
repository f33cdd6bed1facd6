import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser } from '#tests/browser/support/browser'
import { TEST_PASSWORD } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { consume, holdPlan, planWithQuotas, removeQuotaRows, requestId, retirePlans } from '#tests/support/quotas'

const unreadOf = async (customerId: number) => Number((await db.from('notifications').where('customer_id', customerId).whereNull('read_at').count('* as n').first())?.n ?? 0)

/**
 * A customer's plan quotas as the portal shows them: the platform counts 8 of 10 video
 * generations through the quota API, which raises the 80 % alert; the portal's quotas page draws
 * the bar at 80 % in the warning colour, the unlimited quota and the alert, and the header's bell
 * counts the unread notifications until they are all marked read.
 */
test.group('Portal: quota bars', (group) => {
  const customers: number[] = []
  const plans: number[] = []
  group.each.teardown(async () => {
    await removeQuotaRows(customers)
    customers.length = 0
    await retirePlans(plans.splice(0))
  })

  test('bars per feature with the used share, the unlimited quota, the alert and the notification bell', async (ctx) => {
    const { assert } = ctx
    const customer = await createCustomer()
    customers.push(customer.id)
    const plan = await planWithQuotas(
      [
        { feature: 'video_generations', limit: 10, period: 'monthly' },
        { feature: 'api_tokens', limit: null, period: 'monthly' },
      ],
      'Creator Pro'
    )
    plans.push(plan)
    await holdPlan(customer.id, plan)
    for (let i = 0; i < 8; i++) {
      const reply = await consume({ customer: customer.id, feature: 'video_generations', amount: 1, request_id: requestId() })
      assert.equal(reply.status, 200, reply.text)
    }

    const browser = await openBrowser(ctx)
    const { page } = browser
    await browser.goto('/login?to=/account/quotas')
    await page.locator('input#email').fill(customer.email)
    await page.locator('input#password').fill(TEST_PASSWORD)
    await page.locator('form button[type="submit"]').click()
    browser.signedIn = true
    await page.getByRole('heading', { name: 'Plan quotas' }).waitFor()

    const video = page.getByTestId('quota-video_generations')
    await video.getByTestId('quota-figures').filter({ hasText: '8 of 10 used' }).waitFor()
    assert.equal(await video.getAttribute('data-level'), 'warning')
    await video.getByText('80%', { exact: true }).waitFor()
    assert.match(await video.getByTestId('quota-reset').innerText(), /^Resets .+ \(in .+\)$/)
    const tokens = page.getByTestId('quota-api_tokens')
    await tokens.getByText('Unlimited', { exact: true }).waitFor()
    assert.equal(await tokens.getByTestId('quota-figures').innerText(), '0 used')
    assert.equal(await page.getByTestId('quota-plan').innerText(), 'Plan: Creator Pro')
    await page.getByTestId('quota-alerts').getByText('Video generations: 80% of this period’s quota used').waitFor()

    await browser.screenshot('portal/quotas-en.png')

    // the bell counts what is unread, then nothing once all are marked read
    const unread = await unreadOf(customer.id)
    assert.isAtLeast(unread, 1, 'the 80 % alert is an in-app notification')
    const bell = page.getByTestId('notifications-bell')
    await page.getByRole('button', { name: `Notifications (${unread} unread)` }).waitFor()
    await bell.click()
    const panel = page.getByTestId('notifications-panel')
    await panel.locator('[data-unread="true"]').first().waitFor()
    await browser.screenshot('portal/notifications-en.png')
    const [readAll] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/portal/notifications/read-all') && r.request().method() === 'POST'),
      panel.getByTestId('notifications-read-all').click(),
    ])
    assert.equal(readAll.status(), 204)
    await page.getByRole('button', { name: 'Notifications (0 unread)' }).waitFor()
    assert.equal(await unreadOf(customer.id), 0)
    await browser.goto('/account/wallet')
    await page.getByTestId('tier-card').waitFor()
    await browser.screenshot('portal/wallet-tier-en.png')

    assert.deepEqual(browser.unexpectedProblems(), [])
  }).timeout(90_000)
})
