/**
 * The money side of a refund, shared by request, approval and retry.
 *
 * What is refundable (admin-prd §2): only remaining **cash**, never gift —
 *   refundable = min(paid − refunded − other refunds in flight, customer's cash in order currency)
 * The cash balance is in ledger units; it is converted to the order's currency with the order's
 * own rate (grant_amount ledger units for `amount` minor units), the same proportion the
 * recharge (credit_order.ts) and a dispute hold (hold_disputed_amount.ts) use:
 *   units(minor) = ⌊grant_amount × minor / amount⌋,  minor(units) = ⌊units × amount / grant_amount⌋
 * Rounding is always down, so a refund never takes more from the balance than the order gave.
 *
 * Ledger steps (each a `post()` with its own key, so a replay never moves money twice):
 *   hold     customer cash → refund_pending     refund:<id>:hold[:attempt]
 *   settle   refund_pending → refunds           refund:<id>:settle
 *   release  refund_pending → customer cash     refund:<id>:release[:attempt]
 * Callers hold the order row lock (FOR UPDATE) before computing or moving anything; the cash
 * account is locked before its balance is read, so "≤ remaining balance" holds under concurrency
 * even across two orders of the same customer.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import { post, type Entry } from '#services/ledger/post'
import { customerAccount, systemAccount } from '#services/ledger/accounts'
import { formatUnits } from '#contract/money'
import { notify as notifyCustomer } from '#services/notifications/notify'
import { CURRENCY_SCALE } from '#config/payments'
import { PAID_FAMILY, paidStatus } from '#services/orders/vocabulary'
import { Conflict, InvalidInput } from '#exceptions/domain_errors'
import type { OrderRow } from '#services/orders/rows'
import type { RefundRow } from './rows.js'
import { refundSettings } from './settings.js'

export const IN_FLIGHT = ['REQUESTED', 'PROCESSING']

export const money = (minor: bigint | string | number, currency: string) => `${formatUnits(BigInt(minor), CURRENCY_SCALE)} ${String(currency).trim()}`

export function toLedgerUnits(order: OrderRow, minor: bigint) {
  return (BigInt(order.grant_amount) * minor) / BigInt(order.amount)
}

export function toOrderMinor(order: OrderRow, units: bigint) {
  if (units <= 0n) return 0n
  return (units * BigInt(order.amount)) / BigInt(order.grant_amount)
}

const suffix = (attempt: number) => (attempt > 1 ? `:${attempt}` : '')
export const refundKeys = {
  hold: (id: number | string, attempt = 1) => `refund:${id}:hold${suffix(attempt)}`,
  settle: (id: number | string) => `refund:${id}:settle`,
  release: (id: number | string, attempt = 1) => `refund:${id}:release${suffix(attempt)}`,
}

/** Locks the customer's cash account and returns its balance (ledger units). */
async function lockedCash(trx: TransactionClientContract, customerId: number) {
  const id = await customerAccount(trx, customerId, 'cash')
  const row = await trx.from('ledger_accounts').where('id', id).forUpdate().first()
  return { id, balance: BigInt(row.balance) }
}

/**
 * What may still be refunded on a locked order, in minor units, and why not more.
 * `excludeRefundId`: the refund being approved does not count against itself.
 */
export async function refundable(trx: TransactionClientContract, order: OrderRow, excludeRefundId?: number | string) {
  if (!PAID_FAMILY.includes(order.status)) return { refundable: 0n, why: `the order is ${String(order.status).toLowerCase()}, not paid` }
  if (!order.paid_transaction_id) return { refundable: 0n, why: 'the order was never credited (back-fill it first)' }
  const inFlightQuery = trx.from('refunds').where('order_id', order.id).whereIn('status', IN_FLIGHT)
  if (excludeRefundId !== undefined) inFlightQuery.whereNot('id', excludeRefundId)
  const [{ total }] = await inFlightQuery.sum('amount as total')
  const inFlight = BigInt(total ?? 0)
  const paidLeft = BigInt(order.amount) - BigInt(order.refunded_amount) - inFlight
  // the cash row is locked first: requests on the customer's other orders queue behind it
  const cash = await lockedCash(trx, Number(order.customer_id))
  // a new request also leaves room for the customer's requests still in review; an approval does
  // not (the first approved wins, the others are re-checked when their turn comes)
  let reserved: bigint | string | null = 0n
  if (excludeRefundId === undefined) {
    ;[{ reserved }] = await trx.from('refunds').where('customer_id', order.customer_id).where('status', 'REQUESTED').sum('ledger_amount as reserved')
  }
  const cashMinor = toOrderMinor(order, cash.balance - BigInt(reserved ?? 0))
  const value = paidLeft < cashMinor ? paidLeft : cashMinor
  const cur = order.currency
  const why =
    paidLeft <= cashMinor
      ? `paid ${money(order.amount, cur)}, refunded ${money(order.refunded_amount, cur)}, in review or processing ${money(inFlight, cur)}`
      : `the customer's remaining cash balance${BigInt(reserved ?? 0) > 0n ? ', less refunds in review,' : ''} is worth ${money(cashMinor > 0n ? cashMinor : 0n, cur)} (gift balance is never refundable)`
  return { refundable: value > 0n ? value : 0n, why }
}

/** Refuses an amount below the minimum or above what is refundable, with the reason. */
export async function assertRefundable(trx: TransactionClientContract, order: OrderRow, amount: bigint, excludeRefundId?: number | string) {
  const cur = order.currency
  if (amount < refundSettings.minimum) {
    throw new InvalidInput([{ field: 'amount', message: `The minimum refund is ${money(refundSettings.minimum, cur)}`, rule: 'minimum' }])
  }
  const left = await refundable(trx, order, excludeRefundId)
  if (amount > left.refundable) {
    throw new Conflict(`At most ${money(left.refundable, cur)} can be refunded on order ${order.number}: ${left.why}`)
  }
  if (toLedgerUnits(order, amount) <= 0n) throw new Conflict('The amount is too small to refund')
}

type Step = { type: 'refund_hold' | 'refund_settle' | 'refund_release'; key: string; attempt?: number; memo: string }

/** One ledger step of a refund: the same header shape for hold, settle and release. */
function refundStep(trx: TransactionClientContract, refund: RefundRow, step: Step, actor: Actor, entries: () => Promise<Entry[]>) {
  const amount = BigInt(refund.ledger_amount)
  return post(
    trx,
    {
      type: step.type,
      idempotencyKey: step.key,
      request: { refundId: Number(refund.id), ...(step.attempt === undefined ? {} : { attempt: step.attempt }), amount },
      actor,
      customerId: Number(refund.customer_id),
      amount,
      reference: { type: 'refund', id: refund.id },
      memo: step.memo,
    },
    entries
  )
}

/** Approval: the amount leaves the customer's cash for refund_pending (refused if the cash no longer covers it). */
export async function holdRefund(trx: TransactionClientContract, refund: RefundRow, attempt: number, actor: Actor) {
  const amount = BigInt(refund.ledger_amount)
  const cash = await lockedCash(trx, Number(refund.customer_id))
  if (cash.balance < amount) throw new Conflict(`The customer's cash balance no longer covers this refund`)
  return refundStep(trx, refund, { type: 'refund_hold', key: refundKeys.hold(refund.id, attempt), attempt, memo: `Refund ${refund.id} approved: amount held` }, actor, async () => [
    { accountId: cash.id, amount: -amount },
    { accountId: await systemAccount(trx, 'refund_pending'), amount },
  ])
}

/** The provider paid the refund out: refund_pending → refunds. */
export async function settleRefund(trx: TransactionClientContract, refund: RefundRow, actor: Actor) {
  const amount = BigInt(refund.ledger_amount)
  return refundStep(trx, refund, { type: 'refund_settle', key: refundKeys.settle(refund.id), memo: `Refund ${refund.id} paid out` }, actor, async () => [
    { accountId: await systemAccount(trx, 'refund_pending'), amount: -amount },
    { accountId: await systemAccount(trx, 'refunds'), amount },
  ])
}

/** The provider refused: the held amount goes back to the customer's cash. */
export async function releaseRefund(trx: TransactionClientContract, refund: RefundRow, attempt: number, actor: Actor) {
  const amount = BigInt(refund.ledger_amount)
  return refundStep(trx, refund, { type: 'refund_release', key: refundKeys.release(refund.id, attempt), attempt, memo: `Refund ${refund.id} failed: hold released` }, actor, async () => [
    { accountId: await systemAccount(trx, 'refund_pending'), amount: -amount },
    { accountId: await customerAccount(trx, Number(refund.customer_id), 'cash'), amount },
  ])
}

/** The order after a refund succeeded: refunded amount = max(what it says, Σ succeeded refunds). */
export async function orderAfterRefund(trx: TransactionClientContract, orderId: number | string) {
  const order: OrderRow = await trx.from('orders').where('id', orderId).forUpdate().first()
  const [{ total }] = await trx.from('refunds').where({ order_id: orderId, status: 'SUCCEEDED' }).sum('amount as total')
  let refunded = BigInt(total ?? 0)
  if (refunded < BigInt(order.refunded_amount)) refunded = BigInt(order.refunded_amount)
  if (refunded > BigInt(order.amount)) refunded = BigInt(order.amount)
  const next = { ...order, refunded_amount: refunded.toString(), status: 'PAID' }
  const [updated]: OrderRow[] = await trx
    .from('orders')
    .where('id', orderId)
    .update({ refunded_amount: refunded.toString(), refunded_at: new Date(), status: paidStatus(next), updated_at: new Date() })
    .returning('*')
  return { before: order, after: updated }
}

/** The order's status with no refund in flight (REFUNDING ends). */
export async function orderSettled(trx: TransactionClientContract, orderId: number | string, status?: string) {
  const order: OrderRow = await trx.from('orders').where('id', orderId).forUpdate().first()
  const inFlight = await trx.from('refunds').where('order_id', orderId).where('status', 'PROCESSING').first()
  const next = status ?? (inFlight ? 'REFUNDING' : paidStatus({ ...order, status: 'PAID' }))
  if (next === order.status || !PAID_FAMILY.includes(order.status)) return { before: order, after: order }
  const [updated]: OrderRow[] = await trx.from('orders').where('id', orderId).update({ status: next, updated_at: new Date() }).returning('*')
  return { before: order, after: updated }
}

type RefundNotice = 'refund.succeeded' | 'refund.failed' | 'refund.rejected'
type RefundFacts = { refund_id: number; amount: string; order_number?: string; reason?: string | null }

/** What the customer reads about a refund, in both languages. */
function refundText(kind: RefundNotice, f: RefundFacts) {
  const order = f.order_number ? ` (order ${f.order_number})` : ''
  const orderZh = f.order_number ? `（订单 ${f.order_number}）` : ''
  if (kind === 'refund.succeeded') {
    return { severity: 'info' as const, title: { 'en': 'Refund paid', 'zh-CN': '退款已到账' }, body: { 'en': `Your refund of ${f.amount}${order} was paid to the original payment method.`, 'zh-CN': `您的退款 ${f.amount}${orderZh} 已退回原支付方式。` } }
  }
  if (kind === 'refund.failed') {
    return { severity: 'warning' as const, title: { 'en': 'Refund failed', 'zh-CN': '退款失败' }, body: { 'en': `Your refund of ${f.amount}${order} could not be paid out; the credits are back in your wallet and our team will follow up.`, 'zh-CN': `您的退款 ${f.amount}${orderZh} 未能退出，额度已退回钱包，我们会跟进处理。` } }
  }
  const why = f.reason ? `: ${f.reason}` : '.'
  const whyZh = f.reason ? `：${f.reason}` : '。'
  return { severity: 'info' as const, title: { 'en': 'Refund declined', 'zh-CN': '退款被拒绝' }, body: { 'en': `Your refund request of ${f.amount} was declined${why}`, 'zh-CN': `您 ${f.amount} 的退款申请未通过${whyZh}` } }
}

/** Tells the customer about a refund (in-app, in the refund's transaction). */
export async function notify(trx: TransactionClientContract, customerId: number | string, kind: RefundNotice, facts: RefundFacts) {
  await notifyCustomer(trx, { customerId: Number(customerId), kind, ...refundText(kind, facts), data: facts })
}
