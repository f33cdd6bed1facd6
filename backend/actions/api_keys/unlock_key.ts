/**
 * Console (finance, super admin): lift a leak lock. The key comes back disabled, not enabled:
 * its owner (or staff) turns it on again knowingly.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'
import { updateKey } from '#services/api_keys/store'
import type { ApiKeyRow } from '#services/api_keys/rows'

const unlockKey: EngineAction<{}, ApiKeyRow> = {
  async handle({ record }, { trx }) {
    if (record!.status !== 'locked') throw new BadRequest('This key is not locked')
    await updateKey(trx, record!.id, { status: 'disabled', locked_at: null, locked_reason: null })
    return { message: 'Lock lifted; the key is disabled until it is enabled again' }
  },
}
export default unlockKey
