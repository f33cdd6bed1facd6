/// <reference lib="dom" />
/**
 * What "looks like a finished product" means in assertions: no placeholder words and no
 * untranslated i18n keys in the visible text of a screen.
 */
import type { BrowserSession } from './browser.js'

/** Words that only reach the screen when a value or a translation is missing. */
const PLACEHOLDERS = /\b(undefined|null|NaN|Invalid Date|\[object Object\])\b/

/**
 * i18n keys of the console and the portal (namespaces of admin/src/i18n and portal/src/i18n, and
 * meta label paths): "fields.email", "actions.edit", "users.fields.email", "pages.login.title" …
 */
const RAW_KEY =
  /(?<![\w@.-])(?:fields|actions|buttons|pages|list|show|form|audit|roles|dashboard|notifications|common|header|menu|sensitive|action|export|diff|permissions|users|staff|nav|auth|profile|security|sessions|errors|account|wallet)\.[a-z][\w]*(?:\.[\w]+)*(?![\w@-])/

export interface TextFinding {
  kind: 'placeholder' | 'raw-key'
  match: string
  context: string
}

/** Scans the page's visible text (body.innerText, including open modals and drawers). */
export async function textFindings(session: BrowserSession): Promise<TextFinding[]> {
  const text = await session.page.locator('body').innerText()
  const findings: TextFinding[] = []
  for (const line of text.split('\n')) {
    const placeholder = PLACEHOLDERS.exec(line)
    if (placeholder) findings.push({ kind: 'placeholder', match: placeholder[0], context: line.trim().slice(0, 160) })
    const key = RAW_KEY.exec(line)
    if (key) findings.push({ kind: 'raw-key', match: key[0], context: line.trim().slice(0, 160) })
  }
  // Attributes a user sees too: placeholders, titles, aria labels of controls.
  const attributes = await session.page.evaluate(() =>
    [...document.querySelectorAll('[placeholder], [title], [aria-label]')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .flatMap((el) => ['placeholder', 'title', 'aria-label'].map((a) => el.getAttribute(a)).filter((v): v is string => !!v))
  )
  for (const value of attributes) {
    const placeholder = PLACEHOLDERS.exec(value)
    if (placeholder) findings.push({ kind: 'placeholder', match: placeholder[0], context: `attribute: ${value.slice(0, 160)}` })
    const key = RAW_KEY.exec(value)
    if (key) findings.push({ kind: 'raw-key', match: key[0], context: `attribute: ${value.slice(0, 160)}` })
  }
  return findings
}
