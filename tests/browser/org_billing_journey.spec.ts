import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser } from '#tests/browser/support/browser'
import { signInStaff, signOutStaff } from '#tests/browser/support/console'
import { mailLink } from '#tests/browser/support/mail'
import { TEST_PASSWORD } from '#tests/support/agent'
import { createCustomer, removeCustomers } from '#tests/support/fixtures'
import { pdfText, squeeze } from '#tests/unit/pdf/pdf_text'

/**
 * An organization from the first click to its first bill: operations open organization access on a
 * customer in the console and invite a second customer by email; that person follows the mailed link,
 * signs in to the portal, joins and works in the organization (the account switcher sends it on every
 * request); finance generates the organization's bill and downloads its PDF, which carries the bill
 * number and the organization's Chinese name.
 */
test.group('Organization journey: open access → invitation accepted in the portal → bill PDF', (group) => {
  const customers: number[] = []
  group.each.teardown(async () => {
    await removeCustomers(customers.splice(0))
  })

  test('staff open access and invite, the member joins and switches in the portal, finance downloads the bill PDF', async (ctx) => {
    const { assert } = ctx
    const run = Date.now().toString(36)
    const orgName = `轨道智能科技有限公司 ${run}`
    const owner = await createCustomer({ nickname: `Orbit Labs ${run}` })
    const person = await createCustomer({ nickname: `Lin ${run}` })
    customers.push(owner.id, person.id)
    const customerPage = `/r/users/show/${owner.id}`

    // 1. operations open organization access on the customer, from its page
    const staff = await openBrowser(ctx)
    const console_ = staff.page
    await signInStaff(staff, 'ops@demo.local', undefined, `/admin/login?to=${encodeURIComponent(customerPage)}`)
    await console_.locator('.ant-page-header-heading-title').filter({ hasText: owner.email }).waitFor()
    await console_.getByRole('button', { name: 'More actions' }).click()
    await console_.locator('.ant-dropdown:visible .ant-dropdown-menu-item').filter({ hasText: /^Open organization access$/ }).click()
    const open = console_.getByRole('dialog')
    await choose(open, 'Organization type', 'Enterprise')
    await open.getByRole('textbox', { name: 'Organization name' }).fill(orgName)
    await open.getByRole('textbox', { name: 'Address' }).fill('上海市徐汇区漕河泾开发区宜山路 700 号')
    await choose(open, 'Billing', 'Postpaid')
    await open.getByRole('textbox', { name: 'Credit limit (postpaid)' }).fill('2000')
    await open.getByRole('textbox', { name: 'Reason' }).fill(`Enterprise agreement ${run}`)
    const [opened] = await Promise.all([
      console_.waitForResponse((r) => r.url().endsWith(`/api/admin/users/${owner.id}/actions/open_org_access`)),
      open.getByRole('button', { name: 'Open organization access' }).click(),
    ])
    assert.equal(opened.status(), 200, await opened.text())
    await open.waitFor({ state: 'detached' })

    // 2. the organization panel appears; operations invite the second customer as finance
    const panel = console_.getByTestId('org-panel')
    await panel.locator('button[data-action="invite_member"]').click()
    const invite = console_.getByRole('dialog')
    await invite.getByRole('textbox', { name: 'Email' }).fill(person.email)
    await choose(invite, 'Role', 'Finance')
    const [invited] = await Promise.all([
      console_.waitForResponse((r) => r.url().endsWith(`/api/admin/users/${owner.id}/actions/invite_member`)),
      invite.getByRole('button', { name: 'Invite member' }).click(),
    ])
    assert.equal(invited.status(), 200, await invited.text())
    await invite.waitFor({ state: 'detached' })
    const link = await mailLink(person.email, /\/invitations\/accept\?token=[A-Za-z0-9_-]{43}/)
    await panel.locator('[data-org-tab="invitations"]').click()
    // (operations see the invited address masked)
    await panel.locator('tr.ant-table-row').filter({ hasText: 'Finance' }).filter({ hasText: 'Pending' }).waitFor()
    await staff.screenshot('console/org-panel-invitation-en.png')
    await signOutStaff(staff)

    // 3. the invited person opens the link, signs in, joins: the portal now works in the organization
    const portal = await openBrowser(ctx)
    const { page } = portal
    await portal.goto(link.pathname + link.search)
    await page.getByRole('heading', { name: `Join ${orgName}` }).waitFor()
    await page.getByRole('button', { name: 'Sign in to accept' }).click()
    await page.locator('input#email').fill(person.email)
    await page.locator('input#password').fill(TEST_PASSWORD)
    await page.locator('form button[type="submit"]').click()
    portal.signedIn = true
    const join = page.getByRole('button', { name: `Join ${orgName}` })
    await join.waitFor()
    const [accepted] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/portal/invitations/') && r.url().endsWith('/accept') && r.request().method() === 'POST'), join.click()])
    assert.isBelow(accepted.status(), 300, await accepted.text())
    const switcher = page.getByTestId('org-switcher')
    await switcher.filter({ hasText: orgName }).waitFor()
    assert.equal(await switcher.getByTestId('role-tag').innerText(), 'Finance')
    const member = await db.from('organization_members').where({ org_id: owner.id, customer_id: person.id, status: 'active' }).first()
    assert.equal(member?.role, 'finance')

    // back to the personal account and into the organization again with the switcher
    await switcher.click()
    await page.getByTestId('org-option-personal').click()
    await switcher.filter({ hasText: 'Personal account' }).waitFor()
    await switcher.click()
    const [scoped] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/portal/') && r.headers()['x-creditdesk-org'] === String(owner.id)),
      page.getByTestId(`org-option-${owner.id}`).click(),
    ])
    assert.include(scoped.url(), '/api/portal/')
    await switcher.filter({ hasText: orgName }).waitFor()
    await page.waitForFunction(() => !document.querySelector('.ant-message-notice')) // the "now working in" note has gone
    await portal.screenshot('portal/org-joined-en.png')
    assert.deepEqual(portal.unexpectedProblems(), [])

    // 4. finance generates the organization's bill for its last finished month and downloads the PDF
    await signInStaff(staff, 'finance@demo.local', undefined, `/admin/login?to=${encodeURIComponent('/r/bills')}`)
    await console_.locator('button[data-action="generate"]').click()
    const generate = console_.getByRole('dialog')
    const organization = generate.getByRole('combobox', { name: 'Organization' })
    await organization.click()
    // the picker lists organizations by their name (finance sees customers' emails masked)
    const [search] = await Promise.all([
      console_.waitForResponse((r) => r.url().includes('/api/admin/organizations?') && new URL(r.url()).searchParams.get('q') === orgName && r.request().method() === 'GET'),
      organization.fill(orgName),
    ])
    assert.equal(search.status(), 200)
    // the list shown on opening gives way to the one match
    const options = console_.locator('.ant-select-dropdown:visible .ant-select-item-option')
    await console_.waitForFunction(() => document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').length === 1)
    await options.first().click()
    const [generated] = await Promise.all([
      console_.waitForResponse((r) => r.url().endsWith('/api/admin/bills/actions/generate') && r.request().method() === 'POST'),
      generate.getByRole('button', { name: 'Generate bill' }).click(),
    ])
    assert.equal(generated.status(), 200, await generated.text())
    const { result } = await generated.json()
    const bill = await db.from('bills').where('id', result.bill_id).first()
    assert.equal(Number(bill.org_id), owner.id)
    assert.equal(bill.number, result.number)
    if (await generate.isVisible()) await generate.getByRole('button', { name: 'Close' }).click()

    await staff.goto(`/admin/r/bills/show/${bill.id}`)
    await console_.getByText(bill.number).first().waitFor()
    const [pdf, download] = await Promise.all([
      console_.waitForResponse((r) => new URL(r.url()).pathname === `/api/admin/bills/${bill.id}/pdf`),
      console_.waitForEvent('download'),
      console_.getByTestId('bill-pdf').click(),
    ])
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    const bytes = await pdf.body()
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
    const text = squeeze((await pdfText(bytes)).text.join('\n'))
    assert.include(text, bill.number)
    assert.include(text, squeeze(orgName))
    assert.equal(download.suggestedFilename(), `${bill.number}.pdf`)
    assert.deepEqual(staff.unexpectedProblems(), [])
  }).timeout(180_000)
})

/** Picks `option` in the dialog's select named `name` (exact texts). */
async function choose(dialog: import('playwright-core').Locator, name: string, option: string) {
  await dialog.getByRole('combobox', { name: new RegExp(`^${name}$`) }).click()
  await dialog.page().locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).click()
}
