/**
 * Ends one browser session (the business part of signing out; the HTTP layer then makes the
 * guard forget the user and regenerates the session id): its auth_sessions row is revoked and
 * the logout audited, in the caller's transaction.
 */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'

export type SignOutInput = { kind: 'staff' | 'customer'; sessionRowId: string | null; userId: number | null }

const signOut: UseCase<SignOutInput, void> = {
  async handle({ kind, sessionRowId, userId }, { trx, actor, facts }) {
    if (sessionRowId) {
      await trx.from('auth_sessions').where('id', sessionRowId).whereNull('revoked_at').update({ revoked_at: new Date(), revoked_reason: 'logout' })
    }
    if (userId !== null) await audit.record(trx, { action: 'logout', resource: kind, recordId: userId }, actor, facts)
  },
}
export default signOut
