/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { openBrowser, type BrowserSession } from '#tests/browser/support/browser'
import { signInStaff, switchLanguage, waitForTable } from '#tests/browser/support/console'
import { textFindings } from '#tests/browser/support/page_checks'

/**
 * "Must show": list, show, edit, policies, audit and dashboard in English and Chinese, saved to
 * tmp/screenshots/<lang>/<screen>.png, each checked for console errors, failed requests,
 * placeholder words ("undefined", "null") and raw i18n keys.
 */
type Lang = 'en' | 'zh-CN'

/** A customer that exercises the screens: frozen (history with a reason), no phone (null sensitive value), tags. */
async function showcaseCustomer() {
  const row = await db
    .from('customers')
    .where('frozen', true)
    .whereNull('phone')
    .whereRaw('cardinality(tags) > 0')
    .orderBy('id')
    .first()
  return row ?? (await db.from('customers').whereNull('phone').orderBy('id').first())
}

const SCREENS = (id: number) => [
  {
    name: 'dashboard',
    path: '/admin/',
    ready: async (b: BrowserSession) => {
      await b.page.getByTestId('card-staff_logins-today').waitFor()
      await b.page.locator('.ant-card canvas').first().waitFor()
      await b.page.waitForTimeout(600) // the chart animates in
    },
  },
  { name: 'list', path: '/admin/r/users', ready: async (b: BrowserSession) => waitForTable(b) },
  {
    name: 'show',
    path: `/admin/r/users/show/${id}?tab=history`,
    ready: async (b: BrowserSession) => {
      await b.page.locator('.ant-descriptions-item-content').first().waitFor()
      await b.page.locator('.ant-timeline-item').first().waitFor()
      await b.page.locator('.ant-skeleton').waitFor({ state: 'detached' })
    },
  },
  {
    name: 'edit',
    path: `/admin/r/users/edit/${id}`,
    ready: async (b: BrowserSession) => {
      await b.page.locator('form input#nickname').waitFor()
      await b.page.waitForFunction(() => (document.querySelector('form input#nickname') as HTMLInputElement | null)?.value)
    },
  },
  {
    name: 'policies',
    path: '/admin/roles-policies',
    ready: async (b: BrowserSession) => {
      await b.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor()
    },
  },
  { name: 'audit', path: '/admin/r/audit-logs', ready: async (b: BrowserSession) => waitForTable(b) },
]

async function shootAll(ctx: Parameters<typeof openBrowser>[0], lang: Lang) {
  const { assert } = ctx
  const customer = await showcaseCustomer()
  const browser = await openBrowser(ctx)
  const { page } = browser
  await signInStaff(browser, 'superadmin@demo.local')
  if (lang === 'zh-CN') {
    // switch with the header's language select, as a user would
    await switchLanguage(browser, 'zh-CN')
    await page.locator('.ant-layout-sider').getByText('用户').first().waitFor()
  }
  const report: string[] = []
  for (const screen of SCREENS(Number(customer.id))) {
    browser.resetProblems()
    await browser.goto(screen.path)
    await screen.ready(browser)
    await page.mouse.move(0, 0)
    const file = await browser.screenshot(`${lang}/${screen.name}.png`)
    const problems = browser.unexpectedProblems().map((p) => `${p.kind}: ${p.text}`)
    const findings = (await textFindings(browser)).map((f) => `${f.kind} "${f.match}" in: ${f.context}`)
    if (problems.length || findings.length) report.push(`${screen.name} (${file}):\n    ${[...problems, ...findings].join('\n    ')}`)
  }
  assert.deepEqual(report, [], `screens with problems:\n  ${report.join('\n  ')}`)
  if (lang === 'zh-CN') assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN')
}

test.group('Console: screenshots of every screen', () => {
  test('in English', (ctx) => shootAll(ctx, 'en'))
  test('in Chinese', (ctx) => shootAll(ctx, 'zh-CN'))
})
