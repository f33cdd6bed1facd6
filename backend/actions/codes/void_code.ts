/**
 * Voids a redemption code (作废: sent by mistake, refunded …). Irreversible and only from
 * ACTIVE; the engine has locked the row, so a redemption racing with the void waits for it
 * and then finds the code VOIDED. The engine writes the audit row with the reason.
 */
import type { ActionContext, UseCase } from '#engine/types'
import { BadRequest } from '#exceptions/domain_errors'
import { actorOf } from '#services/audit'

const voidCode: UseCase = {
  async handle({ trx, record, reason, ctx }: ActionContext) {
    if (record!.status !== 'ACTIVE') {
      throw new BadRequest(`Only an active code can be voided; this one is ${String(record!.status).toLowerCase()}`)
    }
    const actor = actorOf(ctx)
    await trx
      .from('redemption_codes')
      .where('id', record!.id)
      .update({ status: 'VOIDED', voided_at: new Date(), void_reason: reason, voided_by: actor.type === 'staff' ? actor.id : null, updated_at: new Date() })
    return { message: 'Code voided', auditMetadata: { batchId: record!.batch_id } }
  },
}
export default voidCode
