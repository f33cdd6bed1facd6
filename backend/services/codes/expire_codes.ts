/**
 * Expires ACTIVE codes whose time has come (job `codes-expire`, every minute), so a code's
 * status is right without anyone acting. Rows are claimed with SKIP LOCKED: a redemption
 * holding a code is not waited for (it refuses an expired code by itself), and several
 * runners never expire the same code. Each change is audited as the system.
 */
import { transaction } from '#services/transaction'
import audit, { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'

export async function expireCodes(now = new Date(), chunk = 500) {
  let expired = 0
  for (;;) {
    const done = await transaction(async (trx) => {
      const { rows } = await trx.rawQuery(
        `WITH due AS (
           SELECT id FROM redemption_codes WHERE status = 'ACTIVE' AND expires_at <= ?
           ORDER BY expires_at, id LIMIT ? FOR UPDATE SKIP LOCKED
         )
         UPDATE redemption_codes c SET status = 'EXPIRED', updated_at = now()
         FROM due WHERE c.id = due.id
         RETURNING c.id, c.batch_id, c.expires_at`,
        [now, chunk]
      )
      for (const row of rows) {
        await audit.record(
          trx,
          {
            action: 'expire',
            resource: 'redemption-codes',
            recordId: row.id,
            before: { status: 'ACTIVE' },
            after: { status: 'EXPIRED' },
            metadata: { batchId: row.batch_id, expiresAt: new Date(row.expires_at).toISOString() },
          },
          SYSTEM_ACTOR,
          NO_REQUEST
        )
      }
      return rows.length
    })
    expired += done
    if (done < chunk) return expired
  }
}
