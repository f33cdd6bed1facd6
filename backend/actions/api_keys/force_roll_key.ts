/**
 * Console: force a key to be replaced. Staff never see or make a customer's secret, so the old
 * key is retired — it stops verifying after `overlap_minutes` (default 0: now) and then reads as
 * expired — and its owner is told by email to roll it in the portal, which gives them a new
 * secret with the same settings. Audited by the engine with the reason.
 */
import type { EngineAction } from '#services/use_case'
import { BadRequest } from '#exceptions/domain_errors'
import { retireKey } from '#services/api_keys/store'
import { tellKeyOwner } from '#services/api_keys/key_mail'
import { stateOf, type ApiKeyRow } from '#services/api_keys/rows'

const forceRollKey: EngineAction<{ overlap_minutes?: number | null }, ApiKeyRow> = {
  async handle({ record, fields, reason }, { trx }) {
    const key = record!
    if (key.deleted_at !== null || stateOf(key) === 'expired') throw new BadRequest('This key no longer verifies; there is nothing to roll')
    const retired = await retireKey(trx, key, fields.overlap_minutes ?? 0)
    const until = new Date(retired.expires_at!)
    await tellKeyOwner(trx, 'force_rolled', key, { reason, until })
    return { message: 'Key retired; the customer has been asked to roll it', auditMetadata: { customerId: Number(key.customer_id), stopsAt: until.toISOString() } }
  },
}
export default forceRollKey
