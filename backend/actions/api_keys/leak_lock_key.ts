/**
 * Console: lock a key that may have leaked. Verifies refuse it (LOCKED) from the commit on, in
 * every instance; the owner is told by email; the engine audits it with the reason. Only
 * finance or a super admin can unlock it.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'
import { updateKey } from '#services/api_keys/store'
import { tellKeyOwner } from '#services/api_keys/key_mail'
import type { ApiKeyRow } from '#services/api_keys/rows'

const leakLockKey: EngineAction<{}, ApiKeyRow> = {
  async handle({ record, reason }, { trx }) {
    const key = record!
    if (key.status === 'locked') throw new BadRequest('This key is already locked')
    await updateKey(trx, key.id, { status: 'locked', locked_at: new Date(), locked_reason: reason ?? null })
    await tellKeyOwner(trx, 'locked', key, { reason })
    return { message: 'API key locked; the customer has been told', auditMetadata: { customerId: Number(key.customer_id), notified: true } }
  },
}
export default leakLockKey
