/**
 * In-app notifications (table `notifications`): one writer for every part that tells a customer
 * something (tier upgrades, quota alerts, key locks, risk alerts). Written in the caller's
 * transaction, so a notification exists exactly when the change it reports committed. With a
 * `dedupeKey`, a second notification with the same key for the same customer is skipped (the
 * once-per-period rule of quota alerts); the answer says whether a row was written.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { sqlBindings } from '#services/sql_bindings'
import type { LocalizedText, NotificationKind, NotificationSeverity } from '#contract/notifications'

export type NewNotification = {
  customerId: number
  kind: NotificationKind
  severity?: NotificationSeverity
  title: LocalizedText
  body: LocalizedText
  data?: Record<string, unknown>
  dedupeKey?: string
}

/** Inserts one notification; returns its id, or null when `dedupeKey` was already used. */
export async function notify(trx: TransactionClientContract, n: NewNotification): Promise<number | null> {
  const { rows } = await trx.rawQuery(
    `INSERT INTO notifications (customer_id, kind, severity, title, body, data, dedupe_key)
     VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)
     ON CONFLICT (customer_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
     RETURNING id`,
    sqlBindings([n.customerId, n.kind, n.severity ?? 'info', JSON.stringify(n.title), JSON.stringify(n.body), JSON.stringify(n.data ?? {}), n.dedupeKey ?? null])
  )
  return rows.length ? Number(rows[0].id) : null
}
