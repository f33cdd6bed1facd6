import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'
import { revokeSession } from '#services/auth/sessions'

type SessionRow = { id: string; customer_id: number | string; status: string }

/**
 * Ends one of a customer's sign-in sessions (a lost or unrecognised browser): the session is
 * revoked the way a freeze revokes all of them, so that browser's next request is refused.
 */
const endCustomerSession: EngineAction<{}, SessionRow> = {
  async handle({ record }, { trx }) {
    const session = record!
    if (!(await revokeSession(trx, 'customer', session.id, 'ended_by_staff'))) throw new BadRequest('This session has already ended')
    return { message: 'Session ended', auditMetadata: { customerId: Number(session.customer_id) } }
  },
}
export default endCustomerSession
