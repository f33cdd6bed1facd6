/**
 * Credits a paid order: exactly one `recharge` ledger transaction per order, payment
 * clearing → the customer's cash, under the idempotency key `recharge:order:<id>`. Every path
 * that credits an order (Stripe webhook, sync, offline confirmation, back-fill) comes here, so
 * an order can never be credited twice: a second call finds the key and gets the original
 * transaction back (`replayed`). The order row must be locked by the caller; the link
 * (`paid_transaction_id`) is written in the same database transaction as the posting.
 *
 * Arrears come first: if the customer owes money the provider took back (arrears.ts), the new
 * cash settles it in the same transaction (`arrears_settlement`, key
 * `arrears:settle:order:<id>`), and only the rest is spendable.
 *
 * An order that pays a bill (`bill_id`) is applied to that bill here too (services/bills/settle.ts).
 *
 * The credit counts toward the customer's tier in the same transaction (services/tiers/recharge.ts):
 * a recharge that reaches a threshold upgrades the customer, and the new limits apply at commit.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import { post, type Posted } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { settleArrears } from '#services/ledger/arrears'
import { countRecharge, lockForRecharge } from '#services/tiers/recharge'
import { activateOrderPlan } from '#services/quotas/customer_plans'
import { applyOrderToBill } from '#services/bills/settle'
import type { OrderRow } from './rows.js'

export const rechargeKey = (orderId: number | string) => `recharge:order:${orderId}`

export async function creditOrder(trx: TransactionClientContract, order: OrderRow, actor: Actor): Promise<{ posted: Posted; order: OrderRow }> {
  const customerId = Number(order.customer_id)
  const amount = BigInt(order.grant_amount)
  await lockForRecharge(trx, customerId)
  const posted = await post(
    trx,
    {
      type: 'recharge',
      idempotencyKey: rechargeKey(order.id),
      request: { orderId: Number(order.id), customerId, amount },
      actor,
      customerId,
      amount,
      reference: { type: 'order', id: order.id },
      memo: `Recharge ${order.number}${order.plan_name ? ` (${order.plan_name})` : ''}`,
    },
    async () => [
      { accountId: await systemAccount(trx, 'payment_clearing'), amount: -amount },
      { accountId: await customerAccount(trx, customerId, 'cash'), amount },
    ]
  )
  if (!posted.replayed) await countRecharge(trx, customerId, amount, actor, `Recharge ${order.number}`)
  await settleArrears(trx, customerId, `arrears:settle:order:${order.id}`, actor, { type: 'order', id: order.id }, `Arrears settled from recharge ${order.number}`)
  const [updated]: OrderRow[] = await trx
    .from('orders')
    .where('id', order.id)
    .update({ paid_transaction_id: posted.transaction.id, credited_at: posted.transaction.created_at, updated_at: new Date() })
    .returning('*')
  await activateOrderPlan(trx, updated)
  // a bill payment (orders.bill_id) is applied to its bill in the credit's transaction
  await applyOrderToBill(trx, updated, Number(posted.transaction.id), actor)
  return { posted, order: updated }
}
