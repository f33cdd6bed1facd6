/**
 * The order state machine, fed with facts from the payment provider (a webhook event, a sync)
 * instead of commands, so that the order in which facts arrive does not matter:
 *
 * - Payment wins: evidence of payment moves PENDING, CANCELLED or FAILED to PAID (money was
 *   taken, so a cancellation that raced with it is overruled) and credits the order once.
 *   Nothing ever moves a paid order back.
 * - FAILED outranks CANCELLED (a specific failure over a timeout); both only leave PENDING.
 * - Refunds are the provider's cumulative refunded amount: the order keeps the highest seen,
 *   and a paid order's status follows it (PARTIALLY_REFUNDED, REFUNDED). A refund that arrives
 *   before the payment is recorded and applied when the payment arrives.
 * - Refunds the provider made on its own side take their share of the credit back (cash first,
 *   then arrears) whenever both the refund and the credit are known; one that fails later gives
 *   it back (apply_provider_refunds.ts). One of ours reported failed after it was paid out is
 *   compensated (fail_settled_refund.ts).
 * - A dispute locks the order and freezes the disputed share of the credit, whenever both the
 *   dispute and the credit are known (in either order); a won dispute releases it, a lost one
 *   settles it (arrears for what the hold could not cover). A closed dispute's status is final.
 *
 * So "refund before payment" and "expired after completed" end in the same state as the
 * in-order delivery. Crediting happens only on payment facts whose amount and currency match
 * the order; a mismatch marks the order PAID, locks it and leaves the credit to finance
 * (back-fill after review). The caller has no lock on the order; it is locked here.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor, RequestFacts } from '#services/audit'
import type { Posted } from '#services/ledger/post'
import { creditOrder } from '#services/orders/credit_order'
import { holdDisputedAmount, releaseDisputedAmount, settleLostDispute, WON } from '#services/orders/disputes'
import { auditOrder } from '#services/orders/order_audit'
import { FAILED, recordProviderRefunds, settleProviderRefunds, type ProviderRefundFact } from '#services/orders/provider_refunds'
import { failSettledRefund } from '#services/refunds/fail_settled_refund'
import { PAID_FAMILY, paidStatus } from './vocabulary.js'
import type { OrderRow } from './rows.js'

const FINAL_DISPUTE = ['won', 'lost', 'warning_closed']

export type PaymentFacts = {
  /** The provider's id of the payment (Stripe PaymentIntent). */
  paymentId?: string | null
  /** The provider's id of the order (Stripe Checkout Session). */
  channelOrderId?: string | null
  paid?: { amount?: number | null; currency?: string | null; at?: Date | null }
  failed?: { reason: string; at?: Date | null }
  expired?: { at?: Date | null }
  /** Cumulative amount refunded by the provider, in minor units. */
  refunded?: { amount: number; at?: Date | null }
  dispute?: { id: string; amount: number; status: string; reason?: string | null }
  /** Individual refunds at the provider (ours are recognised and left to the refunds flow). */
  refunds?: ProviderRefundFact[]
}

export type Applied = {
  order: OrderRow
  changed: boolean
  credited: Posted | null
  notes: string[]
}

export async function applyPaymentFacts(
  trx: TransactionClientContract,
  orderId: number | string,
  facts: PaymentFacts,
  actor: Actor,
  options: { action: string; requestFacts?: RequestFacts; audit?: boolean; metadata?: Record<string, unknown> }
): Promise<Applied> {
  const before: OrderRow = await trx.from('orders').where('id', orderId).forUpdate().first()
  const order: OrderRow = { ...before }
  const patch: Partial<OrderRow> = {}
  const notes: string[] = []
  const set = <K extends keyof OrderRow>(column: K, value: OrderRow[K]) => {
    patch[column] = value
    order[column] = value
  }
  const now = new Date()

  if (facts.paymentId && !order.channel_payment_id) set('channel_payment_id', facts.paymentId)
  if (facts.channelOrderId && !order.channel_order_id) set('channel_order_id', facts.channelOrderId)

  let creditable = false
  if (facts.paid) {
    const mismatch = paymentMismatch(order, facts.paid)
    if (!PAID_FAMILY.includes(order.status)) {
      if (order.status !== 'PENDING') notes.push(`Paid after the order was ${order.status.toLowerCase()}: the payment wins`)
      set('status', 'PAID')
      set('paid_at', facts.paid.at ?? now)
      set('failure_reason', null)
      set('failed_at', null)
      set('cancelled_at', null)
    }
    if (mismatch) {
      notes.push(mismatch)
      if (!order.locked) {
        set('locked', true)
        set('lock_reason', `${mismatch}. Not credited: review, then back-fill.`)
        set('locked_at', now)
      }
    } else {
      creditable = true
    }
  } else if (facts.failed && ['PENDING', 'CANCELLED'].includes(order.status)) {
    set('status', 'FAILED')
    set('failure_reason', facts.failed.reason)
    set('failed_at', facts.failed.at ?? now)
    set('cancelled_at', null)
  } else if (facts.expired && order.status === 'PENDING') {
    set('status', 'CANCELLED')
    set('failure_reason', 'The checkout session expired before payment')
    set('cancelled_at', facts.expired.at ?? now)
  }

  if (facts.refunded) {
    let refunded = BigInt(facts.refunded.amount)
    if (refunded > BigInt(order.amount)) {
      notes.push(`The provider reports ${refunded} refunded on an order of ${order.amount}; recorded as fully refunded`)
      refunded = BigInt(order.amount)
    }
    if (refunded > BigInt(order.refunded_amount)) {
      set('refunded_amount', refunded.toString())
      set('refunded_at', facts.refunded.at ?? now)
    }
  }

  if (facts.dispute) {
    const d = facts.dispute
    const sameDispute = order.dispute_id === d.id
    const statusFinal = sameDispute && FINAL_DISPUTE.includes(order.dispute_status ?? '')
    if (!sameDispute) set('dispute_id', d.id)
    if (!statusFinal && order.dispute_status !== d.status) set('dispute_status', d.status)
    const disputed = BigInt(d.amount) < BigInt(order.amount) ? BigInt(d.amount) : BigInt(order.amount)
    if (BigInt(order.disputed_amount) !== disputed) set('disputed_amount', disputed.toString())
    if (!order.locked) {
      set('locked', true)
      set('lock_reason', `Card dispute ${d.id}${d.reason ? ` (${d.reason})` : ''}`)
      set('locked_at', now)
    }
  }

  if (PAID_FAMILY.includes(order.status)) {
    const status = paidStatus(order)
    if (status !== order.status) set('status', status)
  }

  let current = before
  if (Object.keys(patch).length) {
    ;[current] = await trx
      .from('orders')
      .where('id', orderId)
      .update({ ...patch, updated_at: now })
      .returning('*')
  }

  let credited: Posted | null = null
  if (creditable && !current.paid_transaction_id) {
    const outcome = await creditOrder(trx, current, actor)
    credited = outcome.posted
    current = outcome.order
  }

  if (current.dispute_id && current.paid_transaction_id) {
    const hold = WON.includes(current.dispute_status ?? '')
      ? await releaseDisputedAmount(trx, current, actor)
      : current.dispute_status === 'lost'
        ? await settleLostDispute(trx, current, actor)
        : await holdDisputedAmount(trx, current, actor)
    if (hold) {
      if ('shortfall' in hold && hold.shortfall > 0n) notes.push(`Only ${hold.held} of ${hold.wanted} ledger units could be frozen: the rest was already spent`)
      if ('toArrears' in hold && hold.toArrears > 0n) notes.push(`Dispute lost: ${hold.toArrears} ledger units were already spent and are now owed (arrears)`)
      current = await trx.from('orders').where('id', orderId).first()
    }
  }

  if (facts.refunds?.length) {
    const ours = await recordProviderRefunds(trx, current, facts.refunds)
    for (const { fact, refund } of ours) {
      if (!FAILED.includes(fact.status)) continue
      const why = `The payment provider reported the refund ${fact.status}${fact.failureReason ? ` (${fact.failureReason})` : ''} after it was paid out`
      if (await failSettledRefund(trx, refund, why, actor)) {
        notes.push(`Refund ${refund.id} ${fact.status} at the provider after it was paid out: credit given back`)
        current = await trx.from('orders').where('id', orderId).first()
      }
    }
  }
  const provider = await settleProviderRefunds(trx, current, actor)
  for (const t of provider.taken) {
    notes.push(`Provider refund ${t.id}: ${t.units} ledger units taken back${t.toArrears > 0n ? `, ${t.toArrears} of them already spent and now owed (arrears)` : ''}`)
  }
  if (provider.restored.length) {
    const back = provider.restored.reduce((sum, r) => sum + r.amount, 0n)
    const left = BigInt(current.refunded_amount) - back
    const refunded = left > 0n ? left : 0n
    const status = PAID_FAMILY.includes(current.status) ? paidStatus({ ...current, refunded_amount: refunded.toString() }) : current.status
    ;[current] = await trx.from('orders').where('id', orderId).update({ refunded_amount: refunded.toString(), status, updated_at: new Date() }).returning('*')
    for (const r of provider.restored) notes.push(`Provider refund ${r.id} failed: ${r.units} ledger units given back`)
  }

  const changed = JSON.stringify(current) !== JSON.stringify(before)
  if (changed && options.audit !== false) {
    await auditOrder(
      trx,
      {
        action: options.action,
        before,
        after: current,
        metadata: {
          ...(options.metadata ?? {}),
          ...(credited ? { transactionId: Number(credited.transaction.id), replayed: credited.replayed } : {}),
          ...(notes.length ? { notes } : {}),
        },
      },
      actor,
      options.requestFacts
    )
  }
  return { order: current, changed, credited, notes }
}

function paymentMismatch(order: OrderRow, paid: NonNullable<PaymentFacts['paid']>) {
  const amountDiffers = paid.amount !== undefined && paid.amount !== null && BigInt(paid.amount) !== BigInt(order.amount)
  const currencyDiffers = !!paid.currency && paid.currency.toUpperCase() !== String(order.currency).trim().toUpperCase()
  if (!amountDiffers && !currencyDiffers) return null
  return `Amount mismatch: the provider reports ${paid.amount} ${String(paid.currency ?? '').toUpperCase()}, the order is ${order.amount} ${order.currency}`
}
