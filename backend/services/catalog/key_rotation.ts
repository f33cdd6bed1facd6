/**
 * The daily upstream key rotation job (`upstream-keys-rotation`, backend/start/jobs.ts):
 * - an active key past its rotation date, not yet replaced, is flagged (`rotation_flagged_at`)
 *   once, and the newly flagged keys are posted once to the alert webhook (ALERT_WEBHOOK_URL,
 *   the reconciliation monitor's sender);
 * - an active key whose overlap after a rotation has ended (`retire_at`) is retired.
 * Each change is audited, as the system, in the transaction that makes it. Running it again
 * the same day changes nothing and alerts nothing.
 */
import logger from '@adonisjs/core/services/logger'
import { transaction } from '#services/transaction'
import audit, { SYSTEM_ACTOR, type Actor } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { postAlert } from '#services/reconciliation/monitor'

const ROTATION_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'upstream-keys-rotation' }

type KeyRow = { id: string; channel_id: string; name: string; prefix: string; rotation_due_at: Date }

export async function runUpstreamKeyRotation(now = new Date()) {
  const { flagged, retired } = await transaction(async (trx) => {
    const flagged: KeyRow[] = await trx
      .from('upstream_keys')
      .where('status', 'active')
      .where('rotation_due_at', '<=', now)
      .whereNull('rotation_flagged_at')
      .whereNull('replaced_by_id')
      .update({ rotation_flagged_at: now, updated_at: now })
      .returning(['id', 'channel_id', 'name', 'prefix', 'rotation_due_at'])
    const retired: KeyRow[] = await trx
      .from('upstream_keys')
      .where('status', 'active')
      .where('retire_at', '<=', now)
      .update({ status: 'retired', updated_at: now })
      .returning(['id', 'channel_id', 'name', 'prefix', 'rotation_due_at'])
    for (const key of flagged) {
      await audit.record(trx, { action: 'rotation_flagged', resource: 'upstream-keys', recordId: key.id, before: { rotation_flagged_at: null }, after: { rotation_flagged_at: now.toISOString() } }, ROTATION_ACTOR, NO_REQUEST)
    }
    for (const key of retired) {
      await audit.record(trx, { action: 'retire', resource: 'upstream-keys', recordId: key.id, before: { status: 'active' }, after: { status: 'retired' } }, ROTATION_ACTOR, NO_REQUEST)
    }
    return { flagged, retired }
  })

  let alerted = false
  if (flagged.length) {
    const lines = flagged.map((k) => `• key ${k.prefix} (${k.name}, id ${k.id}) of channel ${k.channel_id}: due ${k.rotation_due_at.toISOString().slice(0, 10)}`)
    const text = [
      `:key: Creditdesk: ${flagged.length} upstream key(s) due for rotation`,
      ...lines.slice(0, 30),
      ...(lines.length > 30 ? [`… and ${lines.length - 30} more`] : []),
    ].join('\n')
    try {
      alerted = await postAlert(text, [{ type: 'section', text: { type: 'mrkdwn', text } }])
    } catch (error) {
      // the keys stay flagged and visible in the console (Flagged for rotation); the alert is not repeated
      logger.error({ err: error }, 'could not post the upstream key rotation alert')
    }
  }
  return { flagged: flagged.map((k) => Number(k.id)), retired: retired.map((k) => Number(k.id)), alerted }
}
