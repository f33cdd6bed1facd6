/**
 * Unlocks an order after review, with a reason. A dispute's frozen balance stays frozen: it
 * follows the dispute's outcome, not the lock.
 */
import type { EngineAction } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import { Conflict } from '#exceptions/domain_errors'

const unlockOrder: EngineAction<{}, OrderRow> = {
  async handle({ record }, { trx, actor }) {
    const order = record!
    if (!order.locked) throw new Conflict('The order is not locked')
    await trx.from('orders').where('id', order.id).update({ locked: false, lock_reason: null, locked_at: null, locked_by: null, operator_id: actor.id, updated_at: new Date() })
    return { message: 'Order unlocked', auditMetadata: { previousLockReason: order.lock_reason } }
  },
}
export default unlockOrder
