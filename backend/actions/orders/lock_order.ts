/**
 * Locks an anomalous order (异常单锁定): while locked, nobody confirms, back-fills, closes or
 * refunds it by hand; provider events still update it (the provider's word is a fact). Needs
 * a reason; the engine locks the row and audits.
 */
import type { EngineAction } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import { Conflict } from '#exceptions/domain_errors'

const lockOrder: EngineAction<{}, OrderRow> = {
  async handle({ record, reason }, { trx, actor }) {
    const order = record!
    if (order.locked) throw new Conflict(`The order is already locked (${order.lock_reason})`)
    const now = new Date()
    await trx.from('orders').where('id', order.id).update({ locked: true, lock_reason: reason, locked_at: now, locked_by: actor.id, operator_id: actor.id, updated_at: now })
    return { message: 'Order locked' }
  },
}
export default lockOrder
