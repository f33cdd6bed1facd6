/**
 * Back-fill (补单): a paid order whose balance never arrived is credited now. It goes through
 * the same posting as every other path (idempotency key `recharge:order:<id>`), so it can
 * never credit twice: an order already linked to its recharge is refused (409), and if the
 * recharge exists but the link was lost, the link is restored and nothing is posted. Locked
 * orders are refused until someone unlocks them. Finance only, with a reason; the engine
 * locks the order and audits.
 */
import type { EngineAction } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import { fromUnits } from '#services/ledger/amounts'
import { Conflict } from '#exceptions/domain_errors'
import { PAID_FAMILY } from '#services/orders/vocabulary'
import { creditOrder } from '#services/orders/credit_order'
import { holdDisputedAmount } from '#services/orders/disputes'

const backfillOrder: EngineAction<{}, OrderRow> = {
  async handle({ record }, { trx, actor }) {
    const order = record!
    if (!PAID_FAMILY.includes(order.status)) throw new Conflict(`Only a paid order can be back-filled; this one is ${String(order.status).toLowerCase()}`)
    if (order.paid_transaction_id) throw new Conflict(`Already credited by ledger transaction ${order.paid_transaction_id}: nothing to back-fill`)
    if (order.locked) throw new Conflict(`The order is locked (${order.lock_reason}); unlock it first`)
    const { posted, order: credited } = await creditOrder(trx, order, actor)
    await trx.from('orders').where('id', order.id).update({ operator_id: actor.id })
    await holdDisputedAmount(trx, credited, actor)
    const transactionId = Number(posted.transaction.id)
    return {
      message: posted.replayed
        ? `The recharge already existed (ledger transaction ${transactionId}); the order is linked to it again, nothing was credited twice`
        : `Credited ${fromUnits(posted.transaction.amount)} to the customer (ledger transaction ${transactionId})`,
      auditMetadata: { transactionId, replayed: posted.replayed },
    }
  },
}
export default backfillOrder
