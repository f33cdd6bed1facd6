/**
 * A customer deletes a key: it stops verifying at once and leaves their list. The row stays
 * (soft delete, disabled) so usage records keep pointing at it.
 */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { ownKeyForUpdate, updateKey } from '#services/api_keys/store'

const deleteApiKey: UseCase<{ customerId: number; keyId: number }, void> = {
  async handle({ customerId, keyId }, { trx, actor, facts }) {
    const row = await ownKeyForUpdate(trx, customerId, keyId)
    // a locked key keeps its lock (the CHECK ties status 'locked' to locked_at)
    const status = row.status === 'locked' ? 'locked' : 'disabled'
    const after = await updateKey(trx, keyId, { deleted_at: new Date(), status })
    await audit.record(trx, { action: 'delete', resource: 'api-keys', recordId: keyId, before: { status: row.status, deleted_at: null }, after: { status: after.status, deleted_at: after.deleted_at } }, actor, facts)
  },
}
export default deleteApiKey
