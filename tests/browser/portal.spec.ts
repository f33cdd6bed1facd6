import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser, type BrowserSession } from '#tests/browser/support/browser'

/**
 * Opens the account menu in the header of the account pages and picks an entry. (Right after
 * signing in, the public header may still show for a moment with its own "My account" button, a
 * plain link to /account: the account header's button is the one with the menu.)
 */
async function accountMenu(browser: BrowserSession, entry: string) {
  const { page } = browser
  await page.locator('.ant-layout-header button.cd-user-button').click()
  await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').filter({ hasText: entry }).click()
}

async function signOut(browser: BrowserSession) {
  const { page } = browser
  const [logout] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/portal/auth/logout')), accountMenu(browser, 'Sign out')])
  assert204(logout)
  browser.signedIn = false
  await page.waitForURL('**/login**')
}

function assert204(response: { status(): number; url(): string }) {
  if (response.status() !== 204) throw new Error(`${response.url()} answered ${response.status()}`)
}

async function signIn(browser: BrowserSession, email: string, password: string) {
  const { page } = browser
  await page.locator('input#email').fill(email)
  await page.locator('input#password').fill(password)
  const [reply] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/portal/auth/login') && r.request().method() === 'POST'),
    page.locator('form button[type="submit"]').click(),
  ])
  return reply
}

test.group('Portal: account lifecycle', () => {
  test('register, sign in, change the password: the old password fails and the new one works', async (ctx) => {
    const { assert } = ctx
    const email = `browser.${Date.now().toString(36)}@example.test`
    const first = 'First-password-2026'
    const second = 'Second-password-2027'
    const browser = await openBrowser(ctx)
    const { page } = browser

    // register
    await browser.goto('/register')
    await page.locator('input#email').fill(email)
    await page.locator('input#nickname').fill('Browser Test')
    await page.locator('input#password').fill(first)
    await page.locator('input#password_confirmation').fill(first)
    const [registered] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/portal/auth/register')),
      page.locator('form button[type="submit"]').click(),
    ])
    // the same answer as for an address that already has an account: nobody is signed in yet
    assert.equal(registered.status(), 202)
    await page.getByText('Check your email').first().waitFor()
    const customer = await db.from('customers').where('email', email).first()
    assert.exists(customer, 'the customer exists')
    assert.notEqual(customer.password, first, 'the password is stored hashed')

    // sign in with the password just chosen
    await page.locator('.ant-result button').click()
    await page.waitForURL('**/login**')
    assert.equal((await signIn(browser, email, first)).status(), 200)
    browser.signedIn = true
    await page.waitForURL('**/account/**')

    // change the password on the Security page
    await accountMenu(browser, 'Security')
    await page.waitForURL('**/account/security')
    await page.locator('input#current_password').fill(first)
    await page.locator('input#password').fill(second)
    await page.locator('input#password_confirmation').fill(second)
    const [changed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/portal/password') && r.request().method() === 'PUT'),
      page.locator('form button[type="submit"]').click(),
    ])
    assert.equal(changed.status(), 204)
    await page.getByText('Password changed').first().waitFor()
    assert.equal((await db.from('audit_logs').where({ action: 'password.change', actor_type: 'customer', actor_id: customer.id }).count('* as c'))[0].c, '1')

    // the old password no longer works …
    await signOut(browser)
    browser.expectFailure('/api/portal/auth/login', 422)
    const refused = await signIn(browser, email, first)
    assert.equal(refused.status(), 422)
    await page.getByText('The email or password is incorrect').first().waitFor()
    assert.include(page.url(), '/login')
    assert.lengthOf(browser.problems.filter((p) => p.kind === 'http' && p.status === 422), 1, 'exactly one refused request: the old password')

    // … and the new one does
    assert.equal((await signIn(browser, email, second)).status(), 200)
    browser.signedIn = true
    await page.waitForURL('**/account/**')
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})
