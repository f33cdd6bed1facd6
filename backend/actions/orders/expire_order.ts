/**
 * One pending order past its time is cancelled (job `orders-expire`, services/orders/
 * expire_pending_orders.ts, which first expires a card order's Checkout Session at Stripe,
 * outside any transaction). What Stripe then says decides: expired → CANCELLED, paid meanwhile →
 * PAID and credited, a delayed payment method still processing → the order waits the offline
 * delay longer. The row is claimed with SKIP LOCKED, so several runners never handle the same
 * order twice and nobody waits on a row a person is working on. Returns whether it was cancelled.
 */
import payments from '#config/payments'
import type { UseCase } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import type { Stripe } from '#services/payments/gateway'
import { factsFromSession } from '#services/payments/stripe_facts'
import { applyPaymentFacts } from '#services/orders/payment_facts'
import { auditOrder } from '#services/orders/order_audit'

export type ExpireInput = { orderId: string | number; session: Stripe.Checkout.Session | null; now: Date }

const expireOrder: UseCase<ExpireInput, boolean> = {
  async handle({ orderId, session, now }, { trx, actor, facts }) {
    const row: OrderRow | null = await trx.from('orders').where('id', orderId).where('status', 'PENDING').forUpdate().skipLocked().first()
    if (!row) return false
    if (session && session.status !== 'expired') {
      const found = factsFromSession(session)
      if (found.paid || found.failed) {
        await applyPaymentFacts(trx, row.id, found, actor, { action: 'expire', requestFacts: facts, metadata: { stripe: session.status } })
        return false
      }
      if (session.status !== 'complete') return false
      // a delayed payment method (bank debit …) is still processing: give it the offline delay
      const later = new Date(now.getTime() + payments.offlineTimeoutMinutes * 60_000)
      await trx.from('orders').where('id', row.id).update({ expires_at: later, updated_at: now })
      return false
    }
    const minutes = row.channel === 'stripe' ? payments.pendingTimeoutMinutes : payments.offlineTimeoutMinutes
    const [after]: OrderRow[] = await trx
      .from('orders')
      .where('id', row.id)
      .update({ status: 'CANCELLED', cancelled_at: now, failure_reason: `Not paid within ${minutes} minutes`, checkout_url: null, updated_at: now })
      .returning('*')
    await auditOrder(trx, { action: 'expire', before: row, after }, actor, facts)
    return true
  },
}
export default expireOrder
