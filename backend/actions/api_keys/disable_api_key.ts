/** A customer disables their key: verifies refuse it (DISABLED) until they enable it again. */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { ownKeyForUpdate, setEnabled } from '#services/api_keys/store'
import type { ApiKeyRow } from '#services/api_keys/rows'

const disableApiKey: UseCase<{ customerId: number; keyId: number }, ApiKeyRow> = {
  async handle({ customerId, keyId }, { trx, actor, facts }) {
    const { row, changed } = await setEnabled(trx, await ownKeyForUpdate(trx, customerId, keyId), false)
    if (changed) await audit.record(trx, { action: 'disable', resource: 'api-keys', recordId: keyId, before: { status: 'enabled' }, after: { status: 'disabled' } }, actor, facts)
    return row
  },
}
export default disableApiKey
