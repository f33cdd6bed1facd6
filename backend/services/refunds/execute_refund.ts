/**
 * Approval and retry (checker): a finance member other than the requester.
 *
 * In the caller's database transaction, with the refund row locked by the engine:
 * 1. the order is locked and the amount re-checked (another refund may have been approved, or
 *    the customer spent the cash, since the request);
 * 2. hold: cash → refund_pending (`refund:<id>:hold`), refund PROCESSING, order REFUNDING;
 * 3. the provider refund: Stripe `refunds.create` on the order's PaymentIntent with the
 *    idempotency key `refund-<id>` (`refund-<id>-<attempt>` for a retry, since Stripe replays a
 *    key's first answer, failures included); offline: finance's bank reference is the record;
 * 4. success → settle (refund_pending → refunds, `refund:<id>:settle`), refund SUCCEEDED, order
 *    refunded_amount up and PARTIALLY_REFUNDED / REFUNDED; failure → release (`refund:<id>:release`),
 *    refund REFUND_FAILED with the reason (retry offered), order back to its paid status.
 * The customer gets a notification record either way; the order change is audited here, the
 * refund change by the engine (with every step in its metadata).
 *
 * The Stripe call runs inside the transaction (like "sync with Stripe"): if the process died
 * after Stripe refunded but before the commit, nothing of ours is kept and the retry's
 * re-approval sends the same idempotency key, so Stripe answers with the same refund and it is
 * settled once. `charge.refunded` webhooks only raise the order's refunded amount to the
 * provider's cumulative figure (apply_payment_facts.ts), which the settle step also respects.
 */
import type { UseCaseDeps } from '#services/use_case'
import type { OrderRow } from '#services/orders/rows'
import type { RefundRow } from './rows.js'
import { Conflict, Forbidden, InvalidInput } from '#exceptions/domain_errors'
import { createRefund } from '#services/payments/gateway'
import { auditOrder } from '#services/orders/order_audit'
import { assertRefundable, holdRefund, money, notify, orderAfterRefund, orderSettled, releaseRefund, settleRefund } from './refund_money.js'

export async function executeRefund(refund: RefundRow, bankReferenceInput: string | undefined, mode: 'approve' | 'retry', { trx, actor, facts }: UseCaseDeps) {
  const expected = mode === 'approve' ? 'REQUESTED' : 'REFUND_FAILED'
  if (refund.status !== expected) {
    throw new Conflict(`This refund is ${String(refund.status).toLowerCase().replace('_', ' ')}; only a ${expected.toLowerCase().replace('_', ' ')} refund can be ${mode === 'approve' ? 'approved' : 'retried'}`)
  }
  if (refund.requested_by !== null && actor.type === 'staff' && Number(refund.requested_by) === Number(actor.id)) {
    throw new Forbidden('You requested this refund, so you cannot approve it: another finance member must review it (maker-checker)')
  }
  const order: OrderRow = await trx.from('orders').where('id', refund.order_id).forUpdate().first()
  if (order.locked) throw new Conflict(`The order is locked (${order.lock_reason}); unlock it before refunding`)
  const offline = order.channel !== 'stripe'
  const bankReference = typeof bankReferenceInput === 'string' ? bankReferenceInput.trim() : ''
  if (offline && !bankReference) {
    throw new InvalidInput([{ field: 'bank_reference', message: 'An offline refund needs the bank reference of the payout', rule: 'required' }])
  }
  await assertRefundable(trx, order, BigInt(refund.amount), refund.id)

  const attempt = Number(refund.attempts) + 1
  const steps: Array<Record<string, unknown>> = []
  const hold = await holdRefund(trx, refund, attempt, actor)
  steps.push({ step: 'hold', transactionId: Number(hold.transaction.id) })
  await trx.from('refunds').where('id', refund.id).update({
    status: 'PROCESSING',
    attempts: attempt,
    hold_transaction_id: hold.transaction.id,
    ...(mode === 'approve' ? { reviewed_by: actor.id, reviewed_at: new Date() } : {}),
    updated_at: new Date(),
  })
  const refunding = await orderSettled(trx, order.id, 'REFUNDING')

  let failure: string | null = null
  let providerRefundId: string | null = null
  if (offline) {
    steps.push({ step: 'offline_payout', bankReference })
  } else {
    if (!order.channel_payment_id) failure = 'The order has no Stripe payment id to refund'
    else {
      try {
        const key = attempt > 1 ? `refund-${refund.id}-${attempt}` : `refund-${refund.id}`
        const created = await createRefund({ paymentIntent: order.channel_payment_id, amount: BigInt(refund.amount), metadata: { refund_id: String(refund.id), order_id: String(order.id) } }, key)
        providerRefundId = created.id
        if (created.status === 'failed' || created.status === 'canceled') failure = `Stripe ${created.status} the refund${created.failure_reason ? ` (${created.failure_reason})` : ''}`
        steps.push({ step: 'stripe_refund', id: created.id, status: created.status, idempotencyKey: key })
      } catch (error: any) {
        failure = error?.message ?? String(error)
        steps.push({ step: 'stripe_refund', error: failure })
      }
    }
  }

  const now = new Date()
  if (failure === null) {
    const settle = await settleRefund(trx, refund, actor)
    steps.push({ step: 'settle', transactionId: Number(settle.transaction.id) })
    await trx.from('refunds').where('id', refund.id).update({
      status: 'SUCCEEDED',
      provider_refund_id: providerRefundId,
      bank_reference: offline ? bankReference : null,
      failure_reason: null,
      settle_transaction_id: settle.transaction.id,
      completed_at: now,
      updated_at: now,
    })
    const changed = await orderAfterRefund(trx, order.id)
    await auditOrder(trx, { action: 'refund', before: refunding.before, after: changed.after, metadata: { refundId: Number(refund.id) } }, actor, facts)
    await notify(trx, refund.customer_id, 'refund.succeeded', { refund_id: Number(refund.id), order_number: order.number, amount: money(refund.amount, refund.currency) })
    return { message: `Refunded ${money(refund.amount, refund.currency)} on order ${order.number}`, auditMetadata: { steps } }
  }

  const release = await releaseRefund(trx, refund, attempt, actor)
  steps.push({ step: 'release', transactionId: Number(release.transaction.id) })
  await trx.from('refunds').where('id', refund.id).update({
    status: 'REFUND_FAILED',
    provider_refund_id: providerRefundId,
    failure_reason: failure.slice(0, 2000),
    release_transaction_id: release.transaction.id,
    updated_at: now,
  })
  const back = await orderSettled(trx, order.id)
  await auditOrder(trx, { action: 'refund_failed', before: refunding.before, after: back.after, metadata: { refundId: Number(refund.id), failure } }, actor, facts)
  await notify(trx, refund.customer_id, 'refund.failed', { refund_id: Number(refund.id), order_number: order.number, amount: money(refund.amount, refund.currency) })
  return { message: `The refund failed and the held amount was released: ${failure}. It can be retried.`, auditMetadata: { steps, failure } }
}
