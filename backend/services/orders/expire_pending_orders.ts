/**
 * Pending orders past their time are cancelled without anyone acting (job `orders-expire`,
 * every minute): card orders after ORDER_PENDING_TIMEOUT_MINUTES, offline orders after
 * OFFLINE_ORDER_TIMEOUT_MINUTES. Offline orders waiting for a second finance approval are
 * left alone (the first approver saw the money).
 *
 * A card order's Checkout Session is expired at Stripe first, outside any database
 * transaction; what Stripe then says decides: expired → CANCELLED, paid meanwhile → PAID and
 * credited, a delayed payment method still processing → the order waits longer. Each order is
 * then changed in its own transaction with its row claimed by SKIP LOCKED, so several runners
 * never handle the same order twice and nobody waits on a row a person is working on.
 */
import db from '@adonisjs/lucid/services/db'
import { transaction } from '#services/transaction'
import logger from '@adonisjs/core/services/logger'
import payments from '#config/payments'
import { SYSTEM_ACTOR } from '#services/audit'
import { expireSession, stripeConfigured, type Stripe } from '#services/payments/gateway'
import { factsFromSession } from '#services/payments/stripe_facts'
import { applyPaymentFacts } from '#services/orders/payment_facts'
import { auditOrder } from './order_audit.js'
import type { OrderRow } from './rows.js'

export async function expirePendingOrders(now = new Date(), limit = 200) {
  const due: Array<Pick<OrderRow, 'id' | 'channel' | 'channel_order_id'>> = await db
    .from('orders')
    .where('status', 'PENDING')
    .where('expires_at', '<=', now)
    .whereNull('first_approver_id')
    .orderBy('expires_at')
    .limit(limit)
    .select('id', 'channel', 'channel_order_id')
  let cancelled = 0
  for (const order of due) {
    let session: Stripe.Checkout.Session | null = null
    if (order.channel === 'stripe' && order.channel_order_id && stripeConfigured()) {
      try {
        session = await expireSession(order.channel_order_id)
      } catch (error) {
        logger.warn({ err: error, orderId: order.id }, 'could not expire a checkout session; will retry')
        continue
      }
    }
    const outcome = await transaction(async (trx) => {
      const row: OrderRow | null = await trx.from('orders').where('id', order.id).where('status', 'PENDING').forUpdate().skipLocked().first()
      if (!row) return false
      if (session && session.status !== 'expired') {
        const facts = factsFromSession(session)
        if (facts.paid || facts.failed) {
          await applyPaymentFacts(trx, row.id, facts, SYSTEM_ACTOR, { action: 'expire', metadata: { stripe: session.status } })
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
      await auditOrder(trx, { action: 'expire', before: row, after }, SYSTEM_ACTOR)
      return true
    })
    if (outcome) cancelled++
  }
  return cancelled
}
