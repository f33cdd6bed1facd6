/** A customer renames their key or changes its expiry and limits (portal PATCH). */
import audit, { diff } from '#services/audit'
import type { UseCase } from '#services/use_case'
import { SETTING_FIELDS, parseSettings } from '#services/api_keys/settings'
import { ownKeyForUpdate, updateKey } from '#services/api_keys/store'
import { auditView, type ApiKeyRow } from '#services/api_keys/rows'

type Input = { customerId: number; keyId: number; settings: Record<string, unknown> }

const updateApiKey: UseCase<Input, ApiKeyRow> = {
  async handle({ customerId, keyId, settings }, { trx, actor, facts }) {
    const values = await parseSettings(trx, settings, SETTING_FIELDS)
    const before = await ownKeyForUpdate(trx, customerId, keyId)
    if (!Object.keys(values).length) return before
    const after = await updateKey(trx, keyId, values)
    const changes = diff(auditView(before), auditView(after))
    if (Object.keys(changes.before ?? {}).length) await audit.record(trx, { action: 'update', resource: 'api-keys', recordId: keyId, ...changes }, actor, facts)
    return after
  },
}
export default updateApiKey
