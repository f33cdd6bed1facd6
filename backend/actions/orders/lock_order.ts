/**
 * Locks an anomalous order (异常单锁定): while locked, nobody confirms, back-fills, closes or
 * refunds it by hand; provider events still update it (the provider's word is a fact). Needs
 * a reason; the engine locks the row and audits.
 */
import type { ActionContext, UseCase } from '#engine/types'
import { actorOf } from '#services/audit'
import { Conflict } from '#exceptions/domain_errors'

const lockOrder: UseCase = {
  async handle({ trx, record, reason, ctx }: ActionContext) {
    if (record!.locked) throw new Conflict(`The order is already locked (${record!.lock_reason})`)
    const actor = actorOf(ctx)
    const now = new Date()
    await trx.from('orders').where('id', record!.id).update({ locked: true, lock_reason: reason, locked_at: now, locked_by: actor.id, operator_id: actor.id, updated_at: now })
    return { message: 'Order locked' }
  },
}
export default lockOrder
