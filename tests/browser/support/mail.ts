/**
 * Mail as a person reads it: the app's local outbox (services/mail_outbox.ts, the transport used
 * without SMTP) holds what the server in this process sent; links are taken from the message text.
 */
import { outbox } from '#services/mail_outbox'

/** The first link matching `pattern` in the newest mail to `email`, waiting for the mailer (queued after the commit). */
export async function mailLink(email: string, pattern: RegExp, timeoutMs = 15_000): Promise<URL> {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    for (const message of outbox.to(email).reverse()) {
      const found = message.text.match(new RegExp(`(?:https?://[^\\s/]+)?${pattern.source}`))
      if (found) return new URL(found[0], 'http://localhost')
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no mail to ${email} with a link matching ${pattern} within ${timeoutMs} ms`)
}
