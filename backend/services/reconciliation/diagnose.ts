/**
 * Diagnose (payment-credit-repair.md "诊断"): everything where money and records disagree.
 *
 *   orphan_payment          a paid order with no recharge linked (paid, balance never moved)   safe
 *   recharge_without_order  a recharge whose order is missing or not paid                         manual
 *   balance_mismatch        an account whose stored balance ≠ Σ its entries (checkInvariants)       manual
 *   stuck_pending           an order still PENDING after its expiry time                            safe
 *   failed_event            a payment event whose processing failed                                 safe
 *   stripe_mismatch         a Stripe order whose state at Stripe differs from ours (bounded/run)    safe
 *   provider_refund_not_taken  the provider refunded more of a credited order than the ledger took   manual
 *                           back or our refunds paid out, or a lost dispute never settled
 *
 * "safe" = the repair can only converge on the provider's truth through the same idempotent
 * paths as normal traffic (credit with the order's recharge key, expiry, event replay, sync), so
 * the monitor may run it unattended. The others need a finance decision.
 * A finding's fingerprint (`<kind>:<subject>`) is stable across runs.
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import logger from '@adonisjs/core/services/logger'
import { checkInvariants } from '#services/ledger/invariants'
import { retrieveSession, stripeConfigured } from '#services/payments/gateway'
import { factsFromSession } from '#services/payments/stripe_facts'
import { PAID_FAMILY } from '#services/orders/vocabulary'
import type { OrderRow } from '#services/orders/rows'
import { reconciliationSettings } from '#services/reconciliation/settings'

export const FINDING_KINDS = [
  'orphan_payment',
  'recharge_without_order',
  'balance_mismatch',
  'stuck_pending',
  'failed_event',
  'stripe_mismatch',
  'provider_refund_not_taken',
] as const
export type FindingKind = (typeof FINDING_KINDS)[number]
export const SAFE_KINDS: FindingKind[] = ['orphan_payment', 'stuck_pending', 'failed_event', 'stripe_mismatch']

export type Finding = { kind: FindingKind; fingerprint: string; subject_type: string; subject_id: string; detail: Record<string, unknown>; safe: boolean }

const finding = (kind: FindingKind, subjectType: string, subjectId: string | number, detail: Record<string, unknown>, safe = SAFE_KINDS.includes(kind)): Finding => ({
  kind,
  fingerprint: `${kind}:${subjectType}:${subjectId}`,
  subject_type: subjectType,
  subject_id: String(subjectId),
  detail,
  safe,
})

export async function orphanPayments(orderId?: number | string, client: QueryClientContract = db.connection()) {
  const q = client.from('orders').whereIn('status', [...PAID_FAMILY]).whereNull('paid_transaction_id').orderBy('id')
  if (orderId !== undefined) q.where('id', orderId)
  const rows = await q.select('id', 'number', 'customer_id', 'amount', 'currency', 'grant_amount', 'locked', 'paid_at')
  return rows.map((o) =>
    finding('orphan_payment', 'order', o.id, { number: o.number, customer_id: Number(o.customer_id), amount: String(o.amount), currency: o.currency, grant_amount: String(o.grant_amount), locked: o.locked, paid_at: o.paid_at }, !o.locked)
  )
}

export async function rechargesWithoutOrder(transactionId?: number | string, client: QueryClientContract = db.connection()) {
  const result = await client.rawQuery(
    `SELECT t.id, t.reference_id, t.customer_id, t.amount, o.status, o.number
       FROM ledger_transactions t
       LEFT JOIN orders o ON o.id::text = t.reference_id
      WHERE t.type = 'recharge' AND t.reference_type = 'order'
        AND NOT EXISTS (SELECT 1 FROM ledger_transactions r WHERE r.reverses_transaction_id = t.id)
        AND (o.id IS NULL OR o.status NOT IN ('PAID', 'REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED'))
        ${transactionId !== undefined ? 'AND t.id = ?' : ''}
      ORDER BY t.id`,
    transactionId !== undefined ? [transactionId] : []
  )
  return result.rows.map((r: any) =>
    finding('recharge_without_order', 'ledger_transaction', r.id, { order_id: r.reference_id, order_status: r.status ?? null, order_number: r.number ?? null, customer_id: r.customer_id ? Number(r.customer_id) : null, amount: String(r.amount) })
  )
}

export async function balanceMismatches(accountId?: number | string, client: QueryClientContract = db.connection()) {
  const violations = await checkInvariants(client)
  const rows = violations.filter((v) => v.kind === 'balance_mismatch' && (accountId === undefined || v.id === String(accountId)))
  const accounts = rows.length ? await client.from('ledger_accounts').whereIn('id', rows.map((r) => r.id)) : []
  return rows.map((v) => {
    const a = accounts.find((x) => String(x.id) === v.id)
    return finding('balance_mismatch', 'account', v.id, { detail: v.detail, owner_type: a?.owner_type, owner_id: a?.owner_id ? Number(a.owner_id) : null, code: a?.code })
  })
}

export async function stuckPending(now = new Date(), orderId?: number | string, client: QueryClientContract = db.connection()) {
  const q = client.from('orders').where('status', 'PENDING').where('expires_at', '<=', now).whereNull('first_approver_id').orderBy('id')
  if (orderId !== undefined) q.where('id', orderId)
  const rows = await q.select('id', 'number', 'channel', 'expires_at')
  return rows.map((o) => finding('stuck_pending', 'order', o.id, { number: o.number, channel: o.channel, expires_at: o.expires_at }))
}

export async function failedEvents(eventRowId?: number | string, client: QueryClientContract = db.connection()) {
  const q = client.from('payment_events').where('status', 'failed').orderBy('id')
  if (eventRowId !== undefined) q.where('id', eventRowId)
  const rows = await q.select('id', 'event_id', 'type', 'error', 'attempts', 'order_id')
  return rows.map((e) => finding('failed_event', 'payment_event', e.id, { event_id: e.event_id, type: e.type, error: e.error, attempts: e.attempts, order_id: e.order_id }))
}

/**
 * Credited orders where the provider took money back that the ledger did not: the refunded
 * amount the order records exceeds what our own refunds paid out plus the provider refunds
 * whose credit was taken back (or that failed), or a lost dispute has no `dispute_loss`.
 */
export async function providerRefundsNotTaken(orderId?: number | string, client: QueryClientContract = db.connection()) {
  const result = await client.rawQuery(
    `SELECT o.id, o.number, o.customer_id, o.currency, o.amount, o.refunded_amount, o.dispute_id, o.dispute_status,
            coalesce(own.total, 0) AS own_refunded, coalesce(pr.total, 0) AS provider_taken,
            (o.dispute_status = 'lost' AND NOT EXISTS (
               SELECT 1 FROM ledger_transactions t WHERE t.idempotency_key = 'dispute:lost:' || o.dispute_id)) AS dispute_unsettled
       FROM orders o
       LEFT JOIN (SELECT order_id, sum(amount) AS total FROM refunds WHERE status = 'SUCCEEDED' GROUP BY order_id) own ON own.order_id = o.id
       LEFT JOIN (SELECT order_id, sum(amount) AS total FROM provider_refunds
                   WHERE take_transaction_id IS NOT NULL OR status IN ('failed', 'canceled') GROUP BY order_id) pr ON pr.order_id = o.id
      WHERE o.paid_transaction_id IS NOT NULL
        AND ((o.refunded_amount > coalesce(own.total, 0) + coalesce(pr.total, 0))
             OR (o.dispute_status = 'lost' AND NOT EXISTS (
               SELECT 1 FROM ledger_transactions t WHERE t.idempotency_key = 'dispute:lost:' || o.dispute_id)))
        ${orderId !== undefined ? 'AND o.id = ?' : ''}
      ORDER BY o.id`,
    orderId !== undefined ? [orderId] : []
  )
  return result.rows.map((o: any) => {
    const missing = BigInt(o.refunded_amount) - BigInt(o.own_refunded) - BigInt(o.provider_taken)
    return finding('provider_refund_not_taken', 'order', o.id, {
      number: o.number,
      customer_id: Number(o.customer_id),
      currency: o.currency,
      amount: String(o.amount),
      refunded_amount: String(o.refunded_amount),
      own_refunded: String(o.own_refunded),
      provider_taken_back: String(o.provider_taken),
      not_taken_back: (missing > 0n ? missing : 0n).toString(),
      ...(o.dispute_unsettled ? { dispute_id: o.dispute_id, dispute_status: o.dispute_status } : {}),
    })
  })
}

/** How our order differs from what Stripe says, or null when they agree. */
export function stripeDifference(order: OrderRow, facts: ReturnType<typeof factsFromSession>) {
  const paidHere = PAID_FAMILY.includes(order.status)
  if (facts.paid && !paidHere) return `Stripe says paid, the order is ${order.status}`
  if (facts.expired && order.status === 'PENDING') return 'Stripe says the session expired, the order is still PENDING'
  if (facts.failed && order.status === 'PENDING') return 'Stripe says the payment failed, the order is still PENDING'
  if (facts.refunded && BigInt(facts.refunded.amount) > BigInt(order.refunded_amount)) return `Stripe has refunded ${facts.refunded.amount}, the order records ${order.refunded_amount}`
  return null
}

export async function stripeMismatches(orderId?: number | string, client: QueryClientContract = db.connection()) {
  if (!stripeConfigured()) return []
  const since = new Date(Date.now() - reconciliationSettings.stripeLookbackDays * 86_400_000)
  const q = client.from('orders').where('channel', 'stripe').whereNotNull('channel_order_id').whereNot('locked', true)
  if (orderId !== undefined) q.where('id', orderId)
  else q.where('updated_at', '>=', since).orderBy('updated_at', 'desc').limit(reconciliationSettings.stripeChecksPerRun)
  const orders = await q.select('*')
  const found: Finding[] = []
  for (const order of orders) {
    try {
      const session = await retrieveSession(order.channel_order_id)
      const why = stripeDifference(order, factsFromSession(session))
      if (why) found.push(finding('stripe_mismatch', 'order', order.id, { number: order.number, why, ours: order.status, stripe: { session: session.status, payment: session.payment_status } }))
    } catch (error) {
      logger.warn({ err: error, orderId: order.id }, 'reconciliation could not read a checkout session')
    }
  }
  return found
}

export async function diagnose(now = new Date(), client: QueryClientContract = db.connection()): Promise<Finding[]> {
  return [
    ...(await orphanPayments(undefined, client)),
    ...(await rechargesWithoutOrder(undefined, client)),
    ...(await balanceMismatches(undefined, client)),
    ...(await stuckPending(now, undefined, client)),
    ...(await failedEvents(undefined, client)),
    ...(await stripeMismatches(undefined, client)),
    ...(await providerRefundsNotTaken(undefined, client)),
  ]
}

/** Whether the finding's subject still shows the problem (repairs re-check before acting). */
export async function stillPresent(kind: string, subjectId: string, client: QueryClientContract = db.connection(), now = new Date()) {
  switch (kind) {
    case 'orphan_payment':
      return (await orphanPayments(subjectId, client)).length > 0
    case 'recharge_without_order':
      return (await rechargesWithoutOrder(subjectId, client)).length > 0
    case 'balance_mismatch':
      return (await balanceMismatches(subjectId, client)).length > 0
    case 'stuck_pending':
      return (await stuckPending(now, subjectId, client)).length > 0
    case 'failed_event':
      return (await failedEvents(subjectId, client)).length > 0
    case 'stripe_mismatch':
      return (await stripeMismatches(subjectId, client)).length > 0
    case 'provider_refund_not_taken':
      return (await providerRefundsNotTaken(subjectId, client)).length > 0
    default:
      return false
  }
}
