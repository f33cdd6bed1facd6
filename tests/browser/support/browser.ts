/// <reference lib="dom" />
/**
 * Real-browser harness for the `browser` suite: Debian's Chromium driven by playwright-core.
 *
 * Every test gets its own Chromium with a fresh profile (launchPersistentContext on a new
 * temporary directory: Playwright refuses --user-data-dir in args), so cookies and
 * localStorage never leak between tests. The page records what a user would never want to
 * see — console errors, uncaught exceptions, failed requests — and every /api request the
 * app makes, so tests can assert on the wire. When a test fails (assertion, error or
 * timeout) a full-page screenshot lands in tmp/screenshots/failures/<test>.png.
 */
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Response } from 'playwright-core'
import type { TestContext } from '@japa/runner/core'
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import env from '#start/env'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The flags that make Debian's Chromium quiet and reliable headless in a container. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const SCREENSHOTS = join(ROOT, 'tmp/screenshots')
export const FAILURE_SCREENSHOTS = join(SCREENSHOTS, 'failures')

export const baseUrl = () => `http://${env.get('HOST')}:${env.get('PORT')}`
export const demoPassword = () => process.env.DEMO_PASSWORD || 'Demo-Pass-2026'

/** The session probes the two SPAs make on load; a 401 from them before sign-in is expected. */
export const SESSION_PROBES = ['/api/admin/auth/me', '/api/portal/auth/me']

export interface ApiCall {
  method: string
  url: URL
  status?: number
  /** Whether a staff/customer sign-in had succeeded in this browser when the request was sent. */
  signedIn: boolean
}

export interface Problem {
  kind: 'console' | 'pageerror' | 'http' | 'requestfailed'
  text: string
  url?: string
  status?: number
  signedIn: boolean
}

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 90) || 'test'

/** One Chromium with one page, recording what the app does. Created by openBrowser(). */
export class BrowserSession {
  readonly calls: ApiCall[] = []
  readonly problems: Problem[] = []
  /** Set by the sign-in helpers; a 401 session probe before it is expected, after it is a bug. */
  signedIn = false

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly profileDir: string
  ) {
    const base = baseUrl()
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return
      const location = message.location()
      const status = /status of (\d{3})/.exec(message.text())
      this.problems.push({
        kind: 'console',
        text: message.text(),
        url: location?.url,
        status: status ? Number(status[1]) : undefined,
        signedIn: this.signedIn,
      })
    })
    page.on('pageerror', (error) => this.problems.push({ kind: 'pageerror', text: String(error?.stack ?? error), signedIn: this.signedIn }))
    page.on('request', (request) => {
      if (!request.url().startsWith(`${base}/api/`)) return
      this.calls.push({ method: request.method(), url: new URL(request.url()), signedIn: this.signedIn })
    })
    page.on('response', (response: Response) => {
      const url = response.url()
      if (url.startsWith(`${base}/api/`)) {
        const call = [...this.calls].reverse().find((c) => c.url.href === url && c.method === response.request().method() && c.status === undefined)
        if (call) call.status = response.status()
      }
      if (response.status() >= 400) {
        this.problems.push({
          kind: 'http',
          text: `${response.request().method()} ${url} → ${response.status()}`,
          url,
          status: response.status(),
          signedIn: this.signedIn,
        })
      }
    })
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed'
      // Requests cut short by a navigation, a cancelled query or a download handed to the download
      // manager report as aborted: the user sees nothing. Any other failure is a problem.
      if (failure === 'net::ERR_ABORTED') return
      this.problems.push({ kind: 'requestfailed', text: `${request.method()} ${request.url()} ${failure}`, url: request.url(), signedIn: this.signedIn })
    })
  }

  url(path: string) {
    return baseUrl() + path
  }

  /** Navigates within the app (path relative to the server root, e.g. "/admin/r/users"). */
  async goto(path: string) {
    await this.page.goto(this.url(path), { waitUntil: 'domcontentloaded' })
  }

  /** API calls whose path is exactly `pathname` (query ignored), oldest first. */
  callsTo(pathname: string, method = 'GET') {
    return this.calls.filter((c) => c.url.pathname === pathname && c.method === method)
  }

  /** Failures a test provokes on purpose (e.g. signing in with a wrong password): exact path + status. */
  readonly expectedFailures: Array<{ pathname: string; status: number }> = []

  /** Declares that `pathname` answering `status` is part of the scenario, not a problem. */
  expectFailure(pathname: string, status: number) {
    this.expectedFailures.push({ pathname, status })
  }

  /**
   * Is this problem expected? Only the 401 of a session probe made before anybody signed in, and
   * failures the test declared with expectFailure(); both matched by exact URL and status (the
   * console's "Failed to load resource" line for the same response included).
   */
  isExpected(problem: Problem) {
    if (problem.status === undefined || !problem.url) return false
    const url = new URL(problem.url)
    if (url.origin !== baseUrl() || url.search !== '') return false
    if (!problem.signedIn && problem.status === 401 && SESSION_PROBES.includes(url.pathname)) return true
    return this.expectedFailures.some((f) => f.pathname === url.pathname && f.status === problem.status)
  }

  /** Console errors, page errors and failed requests, minus the expected ones. */
  unexpectedProblems() {
    return this.problems.filter((p) => !this.isExpected(p))
  }

  /** Forgets what was recorded so far (e.g. an intentional wrong-password 422). */
  resetProblems() {
    this.problems.length = 0
  }

  /**
   * Saves tmp/screenshots/<relativePath>. The window is made as tall as the page first, so the
   * sticky menu and header render as on a tall screen (a "full page" capture would cut them off
   * at the first viewport's height).
   */
  async screenshot(relativePath: string) {
    const file = join(SCREENSHOTS, relativePath)
    await mkdir(join(file, '..'), { recursive: true })
    const viewport = this.page.viewportSize() ?? { width: 1440, height: 900 }
    const height = await this.page.evaluate(() => Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))
    if (height > viewport.height) {
      await this.page.setViewportSize({ width: viewport.width, height: Math.min(height, 4000) })
      await this.page.waitForTimeout(250)
    }
    await this.page.screenshot({ path: file })
    await this.page.setViewportSize(viewport)
    return file
  }
}

/**
 * Starts Chromium for one test with a fresh profile and registers the cleanup: a screenshot
 * when the test failed, then the browser is closed and its profile deleted.
 */
export async function openBrowser(ctx: TestContext, options: { viewport?: { width: number; height: number } } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`)
  const profileDir = await mkdtemp(join(tmpdir(), 'creditdesk-chromium-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: 'en-US',
    acceptDownloads: true,
  })
  context.setDefaultTimeout(15_000)
  context.setDefaultNavigationTimeout(20_000)
  const page = context.pages()[0] ?? (await context.newPage())
  const session = new BrowserSession(context, page, profileDir)

  ctx.cleanup(async (hasError: boolean) => {
    try {
      if (hasError) {
        await mkdir(FAILURE_SCREENSHOTS, { recursive: true })
        const file = join(FAILURE_SCREENSHOTS, `${slug(ctx.test.title)}.png`)
        await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).catch(() => {})
        const problems = session.unexpectedProblems()
        if (problems.length) console.error(`browser problems in "${ctx.test.title}":\n  ${problems.map((p) => `${p.kind}: ${p.text}`).join('\n  ')}`)
        const calls = session.calls.slice(-12).map((c) => `${c.method} ${c.url.pathname}${c.url.search} → ${c.status ?? 'pending'}`)
        console.error(`last API calls of "${ctx.test.title}" (at ${page.url()}):\n  ${calls.join('\n  ')}`)
      }
    } finally {
      await context.close().catch(() => {})
      await rm(profileDir, { recursive: true, force: true }).catch(() => {})
    }
  })
  return session
}
