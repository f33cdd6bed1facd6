/** A customer enables their disabled key again (a locked key stays locked). */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { ownKeyForUpdate, setEnabled } from '#services/api_keys/store'
import type { ApiKeyRow } from '#services/api_keys/rows'

const enableApiKey: UseCase<{ customerId: number; keyId: number }, ApiKeyRow> = {
  async handle({ customerId, keyId }, { trx, actor, facts }) {
    const { row, changed } = await setEnabled(trx, await ownKeyForUpdate(trx, customerId, keyId), true)
    if (changed) await audit.record(trx, { action: 'enable', resource: 'api-keys', recordId: keyId, before: { status: 'disabled' }, after: { status: 'enabled' } }, actor, facts)
    return row
  },
}
export default enableApiKey
