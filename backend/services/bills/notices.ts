/**
 * Telling an organization about its bills: an in-app notification (the shared writer, in the
 * caller's transaction) and a mail queued after commit, so both exist exactly when the change does.
 */
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { notify } from '#services/notifications/notify'
import type { LocalizedText, NotificationKind } from '#contract/notifications'

/** The bill notices (kinds of the contract's NOTIFICATION_KINDS). */
export type BillNotice = Extract<NotificationKind, 'bill_issued' | 'bill_sent' | 'bill_overdue' | 'billing_suspended' | 'billing_resumed' | 'credit_note'>

export async function tellOrg(
  trx: TransactionClientContract,
  orgId: number,
  kind: BillNotice,
  message: { title: LocalizedText; body: LocalizedText; data?: Record<string, unknown>; dedupeKey?: string; severity?: 'info' | 'warning' | 'critical' }
) {
  await notify(trx, {
    customerId: orgId,
    kind,
    severity: message.severity ?? (kind === 'billing_suspended' || kind === 'bill_overdue' ? 'warning' : 'info'),
    title: message.title,
    body: message.body,
    data: message.data,
    dedupeKey: message.dedupeKey,
  })
  const org = await trx.from('customers').where('id', orgId).select('email').first()
  if (!org?.email) return
  trx.after('commit', () =>
    mail
      .sendLater((m) => {
        m.to(org.email).subject(message.title.en).text(`${message.body.en}\n\n${message.body['zh-CN']}`)
      })
      .catch((error) => logger.error({ err: error }, 'could not queue a bill notice'))
  )
}
