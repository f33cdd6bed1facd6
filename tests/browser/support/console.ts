/**
 * Staff-console steps shared by the browser specs: sign in through the real login form,
 * wait for a list to settle, read table rows, and capture the list requests.
 */
import type { Locator, Request as PlaywrightRequest } from 'playwright-core'
import type { BrowserSession } from './browser.js'
import { demoPassword } from './browser.js'

/** Signs in on /admin/login with the form and waits for the header to show who is signed in. */
export async function signInStaff(session: BrowserSession, email: string, password = demoPassword(), path = '/admin/login') {
  const { page } = session
  await session.goto(path)
  await page.locator('input#email').fill(email)
  await page.locator('input#password').fill(password)
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/auth/login') && r.request().method() === 'POST'),
    page.locator('form button[type="submit"]').click(),
  ])
  if (response.status() !== 200) throw new Error(`staff sign-in as ${email} answered ${response.status()}: ${await response.text()}`)
  session.signedIn = true
  await page.getByTestId('current-user').waitFor()
}

/** Signs out with the header button and waits for the login form. */
export async function signOutStaff(session: BrowserSession) {
  const { page } = session
  await page.getByTestId('current-user').waitFor()
  // Signed out from the click on: a session probe the console sends while the logout is under way
  // (its answer, a 401, may arrive before the logout's own) is the expected one.
  session.signedIn = false
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/auth/logout')),
    page.locator('header button').filter({ has: page.locator('.anticon-logout') }).click(),
  ])
  await page.locator('input#email').waitFor()
}

/** The main table of a list screen (not the matrix or a relation table). */
export const mainTable = (session: BrowserSession) => session.page.locator('.ant-table').first()

/** Data rows of the first table (antd adds a hidden measure row; it is excluded). */
export const tableRows = (session: BrowserSession) => mainTable(session).locator('tbody tr.ant-table-row')

/** Waits until the list's table has rows and no loading spinner. */
export async function waitForTable(session: BrowserSession) {
  const { page } = session
  await tableRows(session).first().waitFor()
  await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {})
}

/** Text of the column `header` in data row `index`, found through the header's position. */
export async function cellText(session: BrowserSession, header: string, index = 0) {
  const headers = await mainTable(session).locator('thead th').allInnerTexts()
  const col = headers.findIndex((h) => h.trim() === header)
  if (col < 0) throw new Error(`no column "${header}" in ${JSON.stringify(headers)}`)
  return (await tableRows(session).nth(index).locator('td').nth(col).innerText()).trim()
}

/** The pagination's "Total N" (or "共 N 条") text. */
export const totalText = (session: BrowserSession) => session.page.locator('.ant-pagination-total-text').first()

/**
 * Runs `act` and returns the next GET of `pathname` the app sends after it (and its response),
 * so a test can check exactly what a click put on the wire.
 */
export async function nextListRequest(session: BrowserSession, pathname: string, act: () => Promise<unknown>) {
  const { page } = session
  // Only a request sent from now on: the answer to one already on its way (a refetch of the screen as it
  // was) is not what the click put on the wire.
  const sent = new Set<PlaywrightRequest>()
  const onRequest = (request: PlaywrightRequest) => {
    if (new URL(request.url()).pathname === pathname && request.method() === 'GET') sent.add(request)
  }
  page.on('request', onRequest)
  try {
    const [response] = await Promise.all([page.waitForResponse((r) => sent.has(r.request())), act()])
    return { url: new URL(response.url()), response, total: Number(response.headers()['x-total-count']), body: await response.json() }
  } finally {
    page.off('request', onRequest)
  }
}

/** Clicks a column header's sorter (antd cycles ascend → descend → off). */
export async function clickSorter(session: BrowserSession, header: string) {
  await mainTable(session).locator('thead th').filter({ hasText: new RegExp(`^${escapeRegExp(header)}$`) }).first().click()
}

export function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A visible menu item of the sider by its text. */
export const menuItem = (session: BrowserSession, text: string): Locator =>
  session.page.locator('.ant-layout-sider .ant-menu-item, .ant-layout-sider .ant-menu-submenu-title').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) })

/** Picks an option of the antd Select whose input has `name` as accessible name (by exact option text). */
export async function chooseOption(session: BrowserSession, name: string | RegExp, option: string) {
  const { page } = session
  const select = page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name }) }).first()
  await select.click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${escapeRegExp(option)}$`) }).click()
}

/** Switches the console language with the header's select ("简体中文" / "English"). */
export async function switchLanguage(session: BrowserSession, to: 'zh-CN' | 'en') {
  await chooseOption(session, /^(Language|语言)$/, to === 'zh-CN' ? '简体中文' : 'English')
  await session.page.locator('html').and(session.page.locator(`[lang="${to}"]`)).waitFor({ state: 'attached' })
}
