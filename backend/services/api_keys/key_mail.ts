/**
 * Emails to a key's owner when staff act on it for security (leak lock, force roll). Queued once
 * the change commits, so a rolled-back or retried transaction never mails.
 */
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ApiKeyRow } from './rows.js'

type Notice = 'locked' | 'force_rolled'

function message(kind: Notice, key: ApiKeyRow, detail: { reason?: string; until?: Date }) {
  const name = `"${key.name}" (cd_${key.prefix}_…)`
  if (kind === 'locked') {
    return {
      subject: `Your API key ${key.prefix} was locked`,
      text: `We locked your API key ${name} because it may have leaked${detail.reason ? `: ${detail.reason}` : ''}.\n\nRequests made with it are refused from now on. Create a new key (or roll this one) on the API keys page of your account and replace it wherever it is used. Contact support if you believe this is a mistake.`,
    }
  }
  const when = detail.until && detail.until.getTime() > Date.now() ? `after ${detail.until.toISOString()}` : 'from now on'
  return {
    subject: `Your API key ${key.prefix} must be replaced`,
    text: `For your security we retired your API key ${name}${detail.reason ? ` (${detail.reason})` : ''}. Requests made with it are refused ${when}.\n\nOpen the API keys page of your account and roll the key: you get a new secret with the same settings, shown to you once. We never see or send key secrets.`,
  }
}

export async function tellKeyOwner(trx: TransactionClientContract, kind: Notice, key: ApiKeyRow, detail: { reason?: string; until?: Date } = {}) {
  const owner = await trx.from('customers').where('id', key.customer_id).select('email').first()
  if (!owner) return
  const content = message(kind, key, detail)
  trx.after('commit', () =>
    mail
      .sendLater((m) => {
        m.to(owner.email).subject(content.subject).text(content.text)
      })
      .catch((error) => logger.error({ err: error }, 'could not queue an API key notice'))
  )
}
