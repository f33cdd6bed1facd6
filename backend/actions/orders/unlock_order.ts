/**
 * Unlocks an order after review, with a reason. A dispute's frozen balance stays frozen: it
 * follows the dispute's outcome, not the lock.
 */
import type { ActionContext, UseCase } from '#engine/types'
import { actorOf } from '#services/audit'
import { Conflict } from '#exceptions/domain_errors'

const unlockOrder: UseCase = {
  async handle({ trx, record, ctx }: ActionContext) {
    if (!record!.locked) throw new Conflict('The order is not locked')
    const actor = actorOf(ctx)
    await trx.from('orders').where('id', record!.id).update({ locked: false, lock_reason: null, locked_at: null, locked_by: null, operator_id: actor.id, updated_at: new Date() })
    return { message: 'Order unlocked', auditMetadata: { previousLockReason: record!.lock_reason } }
  },
}
export default unlockOrder
