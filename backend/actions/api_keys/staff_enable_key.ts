/** Console: staff enable a disabled key again (a locked key needs unlock first). Audited by the engine. */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'
import { setEnabled } from '#services/api_keys/store'
import type { ApiKeyRow } from '#services/api_keys/rows'

const staffEnableKey: EngineAction<{}, ApiKeyRow> = {
  async handle({ record }, { trx }) {
    if (record!.deleted_at !== null) throw new BadRequest('This key was deleted by its owner')
    const { changed } = await setEnabled(trx, record!, true)
    if (!changed) throw new BadRequest('This key is already enabled')
    return { message: 'API key enabled' }
  },
}
export default staffEnableKey
