/**
 * A customer creates an API key from the portal. The full key is returned once, here, and never
 * again: only its hash and prefix are kept. At most the customer's tier's max_keys live keys (409).
 */
import audit from '#services/audit'
import type { UseCase } from '#services/use_case'
import { SETTING_FIELDS, parseSettings } from '#services/api_keys/settings'
import { assertRoomForKey, insertKey } from '#services/api_keys/store'
import { auditView, type ApiKeyRow } from '#services/api_keys/rows'

/** `memberId`: in an organization, the person the key is assigned to (the one creating it). */
type Input = { customerId: number; memberId?: number | null; settings: Record<string, unknown> }

const createApiKey: UseCase<Input, { row: ApiKeyRow; secret: string }> = {
  async handle({ customerId, memberId = null, settings }, { trx, actor, facts }) {
    const values = await parseSettings(trx, settings, SETTING_FIELDS, ['name'])
    await assertRoomForKey(trx, customerId)
    const created = await insertKey(trx, { ...values, customer_id: customerId, member_id: memberId })
    await audit.record(trx, { action: 'create', resource: 'api-keys', recordId: created.row.id, after: auditView(created.row) }, actor, facts)
    return created
  },
}
export default createApiKey
