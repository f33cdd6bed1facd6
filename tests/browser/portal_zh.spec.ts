/// <reference lib="dom" />
/**
 * The portal in zh-CN, for a customer with real history: a card purchase (Stripe stand-in,
 * signed webhooks), part of it refunded by finance, a redeemed cash code, a redeemed gift code
 * and a campaign voucher. After switching the language with the header's switcher, the wallet
 * (with the type filter open), buy and orders pages must show no Latin word outside an
 * allow-list: currency symbols and codes, brand names, the customer's email, order numbers and
 * the four characters of a redemption code.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import jobs from '#services/jobs'
import { Agent, TEST_PASSWORD, type Reply } from '#tests/support/agent'
import { createCustomer } from '#tests/support/fixtures'
import { deliverAll } from '#tests/support/stripe_standin'
import { StripeRefundsStandin } from '#tests/support/stripe_refunds_standin'
import { demoPassword, openBrowser, type BrowserSession } from '#tests/browser/support/browser'

const standin = new StripeRefundsStandin()

/** Latin text a Chinese page may carry: what is a name or a number, not a word of the interface. */
const ALLOWED = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // emails
  /\bR\d{8}-\d+\b/g, // order numbers
  /····[A-Z0-9]{4}/g, // the last four characters of a redemption code
  /\b(?:US\$|USD|CNY|EUR|CREDIT)\b|US\$/g, // currency codes and symbols
  /\b(?:Creditdesk|Stripe)\b/g, // brand names
  /\bAPI\b/g, // the word Chinese interfaces use as is ("API 密钥"); the portal's menu group for keys and usage
  /\bToken\b/g, // likewise ("每分钟 Token 数", the contract's "API Token 数"): the tier card's TPM on the wallet
]
const LATIN_WORD = /[A-Za-z]{2,}/g

/** Latin words left on the page (visible text, visible placeholders, titles and aria labels). */
async function latinWords(session: BrowserSession) {
  const texts = await session.page.evaluate(() => {
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || (el as HTMLElement).closest('.ant-select-dropdown') !== null
    // antd icons label themselves with their icon name (aria-label="wallet"): a name of the icon set, not a text of the interface
    const attributes = [...document.querySelectorAll('[placeholder], [title], [aria-label]')]
      .filter((el) => visible(el) && !el.classList.contains('anticon'))
      .flatMap((el) => ['placeholder', 'title', 'aria-label'].map((a) => el.getAttribute(a) ?? ''))
    return [document.body.innerText, ...attributes]
  })
  const found = new Set<string>()
  for (const text of texts) {
    let rest = text
    for (const pattern of ALLOWED) rest = rest.replace(pattern, ' ')
    for (const line of rest.split('\n')) for (const word of line.match(LATIN_WORD) ?? []) found.add(`${word}  ← ${line.trim().slice(0, 100)}`)
  }
  return [...found]
}

/** A card purchase of `planCode`, paid at the stand-in and confirmed by Stripe's webhooks. */
async function paidOrder(customer: Agent, planCode: string) {
  const plan = await db.from('plans').where('code', planCode).first()
  const reply = await customer.post('/api/portal/orders', { plan_id: Number(plan.id) })
  if (reply.status !== 201) throw new Error(`checkout answered ${reply.status}: ${reply.text}`)
  const order = await db.from('orders').where('number', reply.body.order.number).first()
  await deliverAll(standin, standin.events('checkout_card_paid', standin.pay(order.channel_order_id)))
  return db.from('orders').where('id', order.id).first()
}

function ok(reply: Reply, what: string) {
  if (reply.status >= 300) throw new Error(`${what} answered ${reply.status}: ${reply.text}`)
  return reply
}

/** Paid, partly refunded, two codes redeemed (cash and gift), a campaign voucher. */
async function customerWithHistory() {
  const customer = await createCustomer({ nickname: '张小明' })
  const portal = await new Agent('portal-zh').loginCustomer(customer.email)
  const admin = await new Agent('portal-zh-admin').loginStaff('superadmin@demo.local', demoPassword())
  const ops = await new Agent('portal-zh-ops').loginStaff('ops@demo.local', demoPassword())
  const finance = await new Agent('portal-zh-finance').loginStaff('finance@demo.local', demoPassword())

  const order = await paidOrder(portal, 'standard')
  const refund = await ok(await ops.post('/api/admin/refunds/actions/request', { order_id: Number(order.id), amount: '10.00', reason: 'Partial refund' }), 'refund request')
  await ok(await finance.post(`/api/admin/refunds/${refund.body.result.refund_id}/actions/approve`, {}), 'refund approval')

  for (const bucket of ['cash', 'gift']) {
    const generated = await ok(
      await admin.post('/api/admin/redemption-codes/actions/generate', { count: 1, amount: '5', bucket, ...(bucket === 'gift' ? { gift_validity_days: 30 } : {}) }),
      `generate a ${bucket} code`
    )
    await ok(await portal.post('/api/portal/wallet/redeem', { code: generated.body.result.codes[0] }), 'redeem')
  }

  const campaign = await ok(
    await admin.post('/api/admin/campaigns', { name: '双十一赠送', amount: '3', validity: 'days', valid_days: 30, audience: 'selected', customer_ids: [customer.id] }),
    'campaign'
  )
  await ok(await admin.post(`/api/admin/campaigns/${campaign.body.id}/actions/send`, {}), 'campaign send')
  await jobs.drain()
  return { customer, order }
}

test.group('Portal: zh-CN', (group) => {
  group.setup(async () => {
    await standin.start()
  })
  group.teardown(() => standin.stop())

  test('wallet, buy and orders show no English to a customer with history', async (ctx) => {
    const { assert } = ctx
    const { customer, order } = await customerWithHistory()
    const types = (await db.from('ledger_transactions').where('customer_id', customer.id).select('type')).map((t) => t.type)
    for (const type of ['recharge', 'refund_hold', 'refund_settle', 'redeem', 'voucher_grant']) assert.include(types, type, 'the history the test is about')

    const browser = await openBrowser(ctx)
    const { page } = browser
    await browser.goto('/login')
    await page.locator('input#email').fill(customer.email)
    await page.locator('input#password').fill(TEST_PASSWORD)
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/portal/auth/login')), page.locator('form button[type="submit"]').click()])
    browser.signedIn = true
    await page.waitForURL('**/account/**')
    await page.getByTestId('balance-total').waitFor()

    // the account header's language switcher
    await page.locator('.cd-header button').filter({ has: page.locator('.anticon-global') }).click()
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').filter({ hasText: '简体中文' }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN')

    const findings: Record<string, string[]> = {}

    await browser.goto('/account/wallet')
    await page.locator('.ant-table-row').nth(4).waitFor()
    await page.getByTestId('balance-total').waitFor()
    // every transaction type the filter offers, with the list of the customer's rows
    await page.locator('.cd-filters .ant-select').first().click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor()
    findings.wallet = await latinWords(browser)
    await page.keyboard.press('Escape')
    // every movement of the spendable balance has a sign (a refund paid out of its hold moved none)
    const amounts = await page.locator('.cd-amount:not(.cd-amount-held)').allInnerTexts()

    await browser.goto('/account/buy')
    await page.locator('.cd-plan').first().waitFor()
    findings.buy = await latinWords(browser)

    await browser.goto('/account/orders')
    await page.locator('.ant-table-row').first().waitFor()
    await page.getByText(order.number).waitFor()
    findings.orders = await latinWords(browser)

    assert.deepEqual(findings, { wallet: [], buy: [], orders: [] })
    assert.isTrue(
      amounts.every((a) => /^[+\u2212]/.test(a.trim())),
      `every movement has a sign: ${amounts.join(' | ')}`
    )
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})
