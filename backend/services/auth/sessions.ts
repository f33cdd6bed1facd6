/**
 * Server-side sign-in sessions (auth_sessions rows, one per signed-in browser): ending them
 * when an account is frozen, its password reset, or its owner signs out everywhere.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Revokes sessions of an account (all, or all but one) and deletes their server-side data. */
export async function revokeSessions(
  trx: TransactionClientContract,
  kind: 'staff' | 'customer',
  subjectId: number,
  reason: string,
  exceptRowId?: string
): Promise<number> {
  const query = trx.from('auth_sessions').where({ subject_type: kind, subject_id: subjectId }).whereNull('revoked_at')
  if (exceptRowId) query.whereNot('id', exceptRowId)
  const revoked: Array<{ session_id: string }> = await query.update({ revoked_at: new Date(), revoked_reason: reason }).returning(['session_id'])
  const ids = revoked.map((r) => r.session_id)
  if (ids.length) await trx.from('sessions').whereIn('id', ids).delete()
  return ids.length
}

/**
 * Revokes one session of an account, as revokeSessions does for all of them; returns false
 * when it had already ended (or is not that account's kind).
 */
export async function revokeSession(trx: TransactionClientContract, kind: 'staff' | 'customer', rowId: string, reason: string): Promise<boolean> {
  const [revoked]: Array<{ session_id: string }> = await trx
    .from('auth_sessions')
    .where({ id: rowId, subject_type: kind })
    .whereNull('revoked_at')
    .update({ revoked_at: new Date(), revoked_reason: reason })
    .returning(['session_id'])
  if (revoked) await trx.from('sessions').where('id', revoked.session_id).delete()
  return Boolean(revoked)
}
