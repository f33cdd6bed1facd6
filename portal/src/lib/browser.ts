/**
 * Leaving the SPA for another site (Stripe Checkout). Behind an object so tests can observe it: jsdom cannot
 * navigate, and `window.location.assign` cannot be replaced there.
 */
export const browser = {
  assign(url: string) {
    window.location.assign(url)
  },
  /** A file behind a short-lived link (a contract, an invoice): a new tab, or this one when pop-ups are blocked. */
  openFile(url: string) {
    const opened = window.open(url, '_blank', 'noopener')
    if (!opened) window.location.assign(url)
  },
}

/** Only http(s) URLs are followed (a checkout link from the server, never `javascript:` or the like). */
export function isWebUrl(url: string | null | undefined): url is string {
  if (!url) return false
  try {
    const parsed = new URL(url, window.location.href)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
  } catch {
    return false
  }
}
