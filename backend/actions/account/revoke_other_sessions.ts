/** A signed-in customer signs out everywhere else: every session of the account but this one ends. */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { revokeSessions } from '#services/auth/sessions'

const revokeOtherSessions: UseCase<{ customerId: number; keepSessionRowId: string | null }, { revoked: number }> = {
  async handle({ customerId, keepSessionRowId }, { trx, actor, facts }) {
    const revoked = await revokeSessions(trx, 'customer', customerId, 'signed_out_elsewhere', keepSessionRowId ?? undefined)
    await audit.record(trx, { action: 'sessions.revoke_others', resource: 'users', recordId: customerId, metadata: { revoked } }, actor, facts)
    return { revoked }
  },
}
export default revokeOtherSessions
