/** A customer renames their key or changes its expiry and limits (portal PATCH). */
import audit, { diff } from '#services/audit'
import type { UseCase } from '#services/use_case'
import { SETTING_FIELDS, parseSettings } from '#services/api_keys/settings'
import { ownKeyForUpdate, updateKey } from '#services/api_keys/store'
import { auditView, type ApiKeyRow } from '#services/api_keys/rows'
import { InvalidInput } from '#exceptions/domain_errors'

/** `memberId` (an organization's admin): assign the key to an active member of the organization, or null for none. */
type Input = { customerId: number; keyId: number; settings: Record<string, unknown>; memberId?: number | null }

const updateApiKey: UseCase<Input, ApiKeyRow> = {
  async handle({ customerId, keyId, settings, memberId }, { trx, actor, facts }) {
    const values: Record<string, unknown> = await parseSettings(trx, settings, SETTING_FIELDS)
    if (memberId !== undefined) {
      const member = memberId === null ? true : await trx.from('organization_members').where({ org_id: customerId, customer_id: memberId, status: 'active' }).first()
      if (!member) throw new InvalidInput([{ field: 'member_id', message: 'Assign the key to an active member of the organization', rule: 'member' }])
      values.member_id = memberId
    }
    const before = await ownKeyForUpdate(trx, customerId, keyId)
    if (!Object.keys(values).length) return before
    const after = await updateKey(trx, keyId, values)
    const changes = diff(auditView(before), auditView(after))
    if (Object.keys(changes.before ?? {}).length) await audit.record(trx, { action: 'update', resource: 'api-keys', recordId: keyId, ...changes }, actor, facts)
    return after
  },
}
export default updateApiKey
