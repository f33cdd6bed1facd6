/**
 * Pending orders past their time are cancelled without anyone acting (job `orders-expire`,
 * every minute): card orders after ORDER_PENDING_TIMEOUT_MINUTES, offline orders after
 * OFFLINE_ORDER_TIMEOUT_MINUTES. Offline orders waiting for a second finance approval are
 * left alone (the first approver saw the money).
 *
 * A card order's Checkout Session is expired at Stripe first, outside any database
 * transaction; what Stripe then says decides: expired → CANCELLED, paid meanwhile → PAID and
 * credited, a delayed payment method still processing → the order waits longer. Each order is
 * then handled by the use case actions/orders/expire_order.ts in its own transaction.
 */
import db from '@adonisjs/lucid/services/db'
import { transaction } from '#services/transaction'
import logger from '@adonisjs/core/services/logger'
import { SYSTEM_ACTOR } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { expireSession, stripeConfigured, type Stripe } from '#services/payments/gateway'
import expireOrder from '#actions/orders/expire_order'
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
    const outcome = await transaction((trx) => expireOrder.handle({ orderId: order.id, session, now }, { trx, actor: SYSTEM_ACTOR, facts: NO_REQUEST }))
    if (outcome) cancelled++
  }
  return cancelled
}
