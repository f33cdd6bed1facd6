/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser, type BrowserSession } from '#tests/browser/support/browser'
import { menuItem, signInStaff, signOutStaff, tableRows, waitForTable } from '#tests/browser/support/console'
import { grantsOf, setGrants, superAdminAgent } from '#tests/browser/support/staff_api'

const sider = (b: BrowserSession) => b.page.locator('.ant-layout-sider')
const editButtons = (b: BrowserSession) => b.page.locator('.refine-edit-button')

async function someCustomerId() {
  return Number((await db.from('customers').orderBy('id').first()).id)
}

/** Role permissions straight from the database (what the server enforces). */
async function dbGrants(role: string, resource: string) {
  const rows = await db.from('role_permissions').join('roles', 'roles.id', 'role_permissions.role_id').where('roles.name', role).where('resource', resource).select('action')
  return rows.map((r) => r.action).sort()
}

test.group('Console: access control follows the permission matrix', () => {
  test('operations sees no policy editor and no edit button where the matrix denies it', async (ctx) => {
    const { assert } = ctx
    const id = await someCustomerId()
    const browser = await openBrowser(ctx)
    const { page } = browser
    await signInStaff(browser, 'ops@demo.local')
    assert.include(await page.getByTestId('current-user').innerText(), 'Operations')

    // the menu: what operations may list, and nothing of staff, roles or the policy editor
    await menuItem(browser, 'Users').waitFor()
    await menuItem(browser, 'Audit log').waitFor()
    const menu = await sider(browser).innerText()
    for (const hidden of ['Roles & policies', 'Roles', 'Staff']) assert.notMatch(menu, new RegExp(`^${hidden}$`, 'm'), `${hidden} is not in the menu`)

    // the policy editor's route refuses, and no matrix request is made
    await browser.goto('/admin/roles-policies')
    await page.getByText('You do not have access to this page.').waitFor()
    assert.lengthOf(browser.callsTo('/api/admin/permissions/matrix'), 0)
    assert.equal(await page.getByRole('checkbox', { name: /^users:/ }).count(), 0)

    // audit log: read-only for operations (the matrix grants view only) — no edit, no create
    await browser.goto('/admin/r/audit-logs')
    await waitForTable(browser)
    assert.equal(await editButtons(browser).count(), 0)
    assert.equal(await page.locator('.refine-create-button').count(), 0)

    // users: operations holds users.edit, so every row has an Edit button (the control case)
    await browser.goto('/admin/r/users')
    await waitForTable(browser)
    assert.equal(await editButtons(browser).count(), await tableRows(browser).count())

    // Revoke users.edit for operations (as a super admin would), then sign in again.
    const admin = await superAdminAgent()
    const original = await grantsOf(admin, 'operations')
    ctx.cleanup(async () => {
      await setGrants(admin, 'operations', original)
    })
    assert.include(original.users, 'edit')
    await setGrants(admin, 'operations', { ...original, users: original.users.filter((a) => a !== 'edit') })
    assert.notInclude(await dbGrants('operations', 'users'), 'edit')

    await signOutStaff(browser)
    await signInStaff(browser, 'ops@demo.local', undefined, '/admin/login?to=/r/users')
    await waitForTable(browser)
    assert.equal(await editButtons(browser).count(), 0, 'no Edit button in the rows')
    assert.isAbove(await page.locator('.refine-show-button').count(), 0, 'viewing is still allowed')
    assert.isAbove(await tableRows(browser).first().locator('button[data-action="freeze"], button[data-action="unfreeze"]').count(), 0, 'other grants are untouched')

    await browser.goto(`/admin/r/users/show/${id}`)
    await page.locator('.ant-descriptions-item-content').first().waitFor()
    assert.equal(await editButtons(browser).count(), 0, 'no Edit button on the record page')

    await browser.goto(`/admin/r/users/edit/${id}`)
    await page.getByText('You do not have access to this page.').waitFor()
    assert.equal(await page.locator('form input#nickname').count(), 0)
    assert.deepEqual(browser.unexpectedProblems(), [])
  })

  test('a super admin grants a permission in Roles & policies and the other role sees it after signing in again', async (ctx) => {
    const { assert } = ctx
    const id = await someCustomerId()
    const admin = await superAdminAgent()
    const original = await grantsOf(admin, 'finance')
    ctx.cleanup(async () => {
      await setGrants(admin, 'finance', original)
    })
    assert.notInclude(original.users ?? [], 'edit', 'finance starts without users.edit')

    const browser = await openBrowser(ctx)
    const { page } = browser

    // finance, before: no Edit on a user
    await signInStaff(browser, 'finance@demo.local', undefined, `/admin/login?to=/r/users/show/${id}`)
    await page.locator('.ant-descriptions-item-content').first().waitFor()
    assert.equal(await editButtons(browser).count(), 0)
    await signOutStaff(browser)

    // super admin: Roles & policies → Finance → tick Users/Edit → preview → apply
    await signInStaff(browser, 'superadmin@demo.local')
    await menuItem(browser, 'Roles & policies').click()
    await page.locator('.ant-card .ant-menu-item').filter({ hasText: 'Finance' }).click()
    const box = page.getByRole('checkbox', { name: 'users:edit' })
    await page.locator('.ant-card-head-title').filter({ hasText: /^Finance/ }).waitFor()
    assert.isFalse(await box.isChecked())
    await box.check()
    await page.getByText('1 pending change', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Preview changes' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    assert.include(await dialog.locator('.ant-modal-title').innerText(), 'Changes to Finance')
    assert.deepEqual(await dialog.locator('[data-kind="added"]').allInnerTexts().then((t) => t.map((s) => s.replace(/\s+/g, ' ').trim())), ['+ Granted Users Edit'])
    assert.equal(await dialog.locator('[data-kind="removed"]').count(), 0)
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/admin/permissions/matrix/finance') && r.request().method() === 'PUT'),
      dialog.getByRole('button', { name: 'Apply changes' }).click(),
    ])
    assert.equal(saved.status(), 200)
    assert.deepEqual(JSON.parse(saved.request().postData() ?? '{}').grants.users.sort(), [...(original.users ?? []), 'edit'].sort())
    await page.getByText('Permissions of Finance saved').waitFor()
    assert.include(await dbGrants('finance', 'users'), 'edit')
    const audit = await db.from('audit_logs').where('action', 'permissions.update').orderBy('id', 'desc').first()
    assert.equal(audit.actor_label, 'superadmin@demo.local')
    assert.include(JSON.stringify(audit.changes), 'edit')
    await signOutStaff(browser)

    // finance, after signing in again: the Edit button is there and the form opens
    await signInStaff(browser, 'finance@demo.local', undefined, `/admin/login?to=/r/users/show/${id}`)
    await page.locator('.ant-descriptions-item-content').first().waitFor()
    await editButtons(browser).first().click()
    await page.waitForURL(`**/admin/r/users/edit/${id}`)
    await page.waitForFunction(() => (document.querySelector('form input#nickname') as HTMLInputElement | null)?.value !== undefined)
    await page.locator('.refine-save-button').waitFor()
    assert.deepEqual(browser.unexpectedProblems(), [])
  })
})
