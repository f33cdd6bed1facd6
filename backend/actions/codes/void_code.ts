/**
 * Voids a redemption code (作废: sent by mistake, refunded …). Irreversible and only from
 * ACTIVE; the engine has locked the row, so a redemption racing with the void waits for it
 * and then finds the code VOIDED. The engine writes the audit row with the reason.
 */
import type { EngineAction } from '#services/use_case'
import type { RedemptionCodeRow } from '#services/codes/rows'
import { BadRequest } from '#exceptions/domain_errors'

const voidCode: EngineAction<{}, RedemptionCodeRow> = {
  async handle({ record, reason }, { trx, actor }) {
    const code = record!
    if (code.status !== 'ACTIVE') {
      throw new BadRequest(`Only an active code can be voided; this one is ${String(code.status).toLowerCase()}`)
    }
    await trx
      .from('redemption_codes')
      .where('id', code.id)
      .update({ status: 'VOIDED', voided_at: new Date(), void_reason: reason, voided_by: actor.type === 'staff' ? actor.id : null, updated_at: new Date() })
    return { message: 'Code voided', auditMetadata: { batchId: code.batch_id } }
  },
}
export default voidCode
