/** Console: staff change a key's limits (models, IP allowlist, RPM/TPM, spend caps). Audited by the engine. */
import type { EngineAction } from '#services/use_case'
import { fromUnits } from '#services/ledger/amounts'
import { LIMIT_FIELDS, parseSettings } from '#services/api_keys/settings'
import { updateKey } from '#services/api_keys/store'
import type { ApiKeyRow } from '#services/api_keys/rows'

type Fields = Partial<Record<(typeof LIMIT_FIELDS)[number], unknown>>

const editKeyLimits: EngineAction<Fields, ApiKeyRow> = {
  async handle({ record, fields }, { trx }) {
    // the engine hands money over in ledger units; the settings read decimal strings
    const settings: Record<string, unknown> = { ...fields }
    for (const cap of ['daily_spend_cap', 'monthly_spend_cap'] as const) {
      if (typeof fields[cap] === 'string') settings[cap] = fromUnits(fields[cap] as string)
    }
    const values = await parseSettings(trx, settings, LIMIT_FIELDS)
    if (Object.keys(values).length) await updateKey(trx, record!.id, values)
    return { message: 'Limits saved' }
  },
}
export default editKeyLimits
