/**
 * Freezes the balance a card dispute puts at risk: the disputed share of what the order
 * credited moves from the customer's cash to the `refund_pending` system account (type
 * `dispute_hold`, key `dispute:hold:<dispute id>`), so it cannot be spent while the bank
 * decides. A dispute the merchant wins gives it back (`dispute_release`, key
 * `dispute:release:<dispute id>`); a lost dispute settles it (`dispute_loss`, below), with
 * arrears for what the hold could not cover. Only what is still in cash can be frozen: the order records what was (frozen_amount)
 * and the audit row the shortfall. The order row must be locked by the caller.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import { post } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { takeBack } from '#services/ledger/arrears'
import type { OrderRow } from './rows.js'

export const WON = ['won', 'warning_closed']

/** The ledger units a dispute of `disputed` (minor units) puts at risk on this order. */
export function disputedUnits(order: OrderRow) {
  const grant = BigInt(order.grant_amount)
  const share = (grant * BigInt(order.disputed_amount)) / BigInt(order.amount)
  return share > grant ? grant : share
}

export async function holdDisputedAmount(trx: TransactionClientContract, order: OrderRow, actor: Actor) {
  if (!order.dispute_id || !order.paid_transaction_id || WON.includes(order.dispute_status ?? '')) return null
  const key = `dispute:hold:${order.dispute_id}`
  if (await trx.from('ledger_transactions').where('idempotency_key', key).first()) return null
  const wanted = disputedUnits(order)
  const customerId = Number(order.customer_id)
  const cash = await customerAccount(trx, customerId, 'cash')
  const row = await trx.from('ledger_accounts').where('id', cash).forUpdate().first()
  const available = BigInt(row.balance) > 0n ? BigInt(row.balance) : 0n
  const held = wanted < available ? wanted : available
  if (held > 0n) {
    await post(
      trx,
      {
        type: 'dispute_hold',
        idempotencyKey: key,
        request: { orderId: Number(order.id), disputeId: order.dispute_id },
        actor,
        customerId,
        amount: held,
        reference: { type: 'order', id: order.id },
        memo: `Dispute ${order.dispute_id} on order ${order.number}: balance frozen`,
      },
      async () => [
        { accountId: cash, amount: -held },
        { accountId: await systemAccount(trx, 'refund_pending'), amount: held },
      ]
    )
    await trx.from('orders').where('id', order.id).update({ frozen_amount: held.toString(), updated_at: new Date() })
  }
  return { wanted, held, shortfall: wanted - held }
}

export async function releaseDisputedAmount(trx: TransactionClientContract, order: OrderRow, actor: Actor) {
  const frozen = BigInt(order.frozen_amount ?? 0)
  if (!order.dispute_id || frozen === 0n) return null
  const customerId = Number(order.customer_id)
  await post(
    trx,
    {
      type: 'dispute_release',
      idempotencyKey: `dispute:release:${order.dispute_id}`,
      request: { orderId: Number(order.id), disputeId: order.dispute_id },
      actor,
      customerId,
      amount: frozen,
      reference: { type: 'order', id: order.id },
      memo: `Dispute ${order.dispute_id} on order ${order.number} won: balance released`,
    },
    async () => [
      { accountId: await systemAccount(trx, 'refund_pending'), amount: -frozen },
      { accountId: await customerAccount(trx, customerId, 'cash'), amount: frozen },
    ]
  )
  await trx.from('orders').where('id', order.id).update({ frozen_amount: '0', updated_at: new Date() })
  return { released: frozen }
}

/**
 * A lost dispute: the bank gave the disputed money back to the cardholder, so its credit is
 * gone for good. One `dispute_loss` (key `dispute:lost:<dispute id>`) settles what the hold
 * froze (refund_pending → refunds) and takes the part the hold could not cover from cash, the
 * rest becoming arrears. The order row must be locked by the caller.
 */
export async function settleLostDispute(trx: TransactionClientContract, order: OrderRow, actor: Actor) {
  if (!order.dispute_id || order.dispute_status !== 'lost' || !order.paid_transaction_id) return null
  const wanted = disputedUnits(order)
  const frozen = BigInt(order.frozen_amount ?? 0) < wanted ? BigInt(order.frozen_amount ?? 0) : wanted
  if (wanted <= 0n) return null
  const taken = await takeBack(
    trx,
    {
      type: 'dispute_loss',
      idempotencyKey: `dispute:lost:${order.dispute_id}`,
      request: { orderId: Number(order.id), disputeId: order.dispute_id, wanted },
      actor,
      customerId: Number(order.customer_id),
      amount: wanted,
      reference: { type: 'order', id: order.id },
      memo: `Dispute ${order.dispute_id} on order ${order.number} lost: credit taken back`,
    },
    wanted - frozen,
    async () => [
      { accountId: await systemAccount(trx, 'refund_pending'), amount: -frozen },
      { accountId: await systemAccount(trx, 'refunds'), amount: wanted },
    ]
  )
  if (!taken.posted.replayed) await trx.from('orders').where('id', order.id).update({ frozen_amount: '0', updated_at: new Date() })
  return { wanted, fromHold: frozen, fromCash: taken.fromCash, toArrears: taken.toArrears, replayed: taken.posted.replayed }
}
