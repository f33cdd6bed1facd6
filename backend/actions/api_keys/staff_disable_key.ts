/** Console: staff disable a customer's key (verifies answer DISABLED). Audited by the engine. */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'
import { setEnabled } from '#services/api_keys/store'
import type { ApiKeyRow } from '#services/api_keys/rows'

const staffDisableKey: EngineAction<{}, ApiKeyRow> = {
  async handle({ record }, { trx }) {
    const { changed } = await setEnabled(trx, record!, false)
    if (!changed) throw new BadRequest('This key is already disabled')
    return { message: 'API key disabled' }
  },
}
export default staffDisableKey
