/**
 * One repair per finding kind. Each is idempotent (a second run finds nothing to do and changes
 * nothing), audited by the caller, and goes through the same paths as normal traffic:
 *
 *   orphan_payment          credit the order through credit_order.ts: key `recharge:order:<id>`,
 *                           so it can never credit twice (a lost link is restored, not re-posted).
 *                           A locked order is refused: finance unlocks it after review first.
 *   recharge_without_order  Stripe order → sync (if Stripe has the payment, the order becomes PAID
 *                           and the recharge is its own); an order that is cancelled, failed or
 *                           gone → the recharge is reversed (compensating `reversal`, key
 *                           `reconcile:reverse:<tx>`); a pending offline order is refused: confirm
 *                           or close it first.
 *   balance_mismatch        "recalculate_balance": see correctBalance() below.
 *   stuck_pending           the expiry job's path (expire at Stripe first; paid meanwhile → PAID).
 *   failed_event            the stored event is processed again (exactly-once claim as for a delivery).
 *   stripe_mismatch         "sync with Stripe" through the order state machine.
 *   provider_refund_not_taken  the order's refunds are listed from Stripe and applied through
 *                           the order state machine: each provider refund takes its credit back
 *                           once (key `provider_refund:<id>`), a lost dispute is settled
 *                           (`dispute:lost:<id>`). Spent credit becomes arrears.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor, RequestFacts } from '#services/audit'
import { Conflict, NotFound } from '#exceptions/domain_errors'
import { post } from '#services/ledger/post'
import { systemAccount } from '#services/ledger/accounts'
import { fromUnits } from '#services/ledger/amounts'
import { creditOrder } from '#services/orders/credit_order'
import { applyPaymentFacts } from '#services/orders/payment_facts'
import { holdDisputedAmount } from '#services/orders/disputes'
import { expirePendingOrders } from '#services/orders/expire_pending_orders'
import { retrieveSession } from '#services/payments/gateway'
import { factsFromSession, withRefunds } from '#services/payments/stripe_facts'
import { processStripeEvent } from '#services/payments/webhook_delivery'
import { reverseTransaction } from '#services/ledger/reverse_transaction'
import { listProviderRefunds } from '#services/payments/stripe_facts'

export type RepairResult = { done: boolean; message: string; detail?: Record<string, unknown> }

export async function repairOrphan(trx: TransactionClientContract, orderId: string | number, actor: Actor): Promise<RepairResult> {
  const order = await trx.from('orders').where('id', orderId).forUpdate().first()
  if (!order) throw new NotFound(`Order ${orderId} was not found`)
  if (order.paid_transaction_id) return { done: false, message: `Order ${order.number} is already credited (transaction ${order.paid_transaction_id})` }
  if (order.locked) throw new Conflict(`Order ${order.number} is locked (${order.lock_reason}); review and unlock it, then repair`)
  const { posted, order: credited } = await creditOrder(trx, order, actor)
  await holdDisputedAmount(trx, credited, actor)
  return {
    done: true,
    message: posted.replayed
      ? `Order ${order.number}: its recharge existed (transaction ${posted.transaction.id}); the link was restored, nothing credited twice`
      : `Order ${order.number}: credited ${fromUnits(posted.transaction.amount)} (transaction ${posted.transaction.id})`,
    detail: { transactionId: Number(posted.transaction.id), replayed: posted.replayed },
  }
}

export async function syncStripeOrder(trx: TransactionClientContract, orderId: string | number, actor: Actor, facts: RequestFacts): Promise<RepairResult> {
  const order = await trx.from('orders').where('id', orderId).first()
  if (!order) throw new NotFound(`Order ${orderId} was not found`)
  if (order.channel !== 'stripe' || !order.channel_order_id) throw new Conflict(`Order ${order.number} is not a Stripe checkout order`)
  const session = await retrieveSession(order.channel_order_id)
  const applied = await applyPaymentFacts(trx, order.id, await withRefunds(factsFromSession(session)), actor, { action: 'reconcile.sync', requestFacts: facts })
  return {
    done: applied.changed,
    message: applied.changed ? `Order ${order.number} synced with Stripe: now ${applied.order.status}` : `Order ${order.number} already matches Stripe`,
    detail: { status: applied.order.status, notes: applied.notes },
  }
}

export async function repairRechargeWithoutOrder(trx: TransactionClientContract, transactionId: string | number, actor: Actor, facts: RequestFacts): Promise<RepairResult> {
  const tx = await trx.from('ledger_transactions').where('id', transactionId).first()
  if (!tx) throw new NotFound(`Transaction ${transactionId} was not found`)
  const order = tx.reference_id ? await trx.from('orders').where('id', tx.reference_id).first() : null
  if (order?.channel === 'stripe' && order.channel_order_id) {
    const synced = await syncStripeOrder(trx, order.id, actor, facts)
    if (['PAID', 'REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(synced.detail?.status as string)) return synced
  }
  if (order && order.status === 'PENDING') {
    throw new Conflict(`Order ${order.number} is still pending: confirm it (the money was credited) or close it, then repair`)
  }
  const reversal = await reverseTransaction(trx, Number(tx.id), actor, 'Recharge without a paid order (reconciliation)', `reconcile:reverse:${tx.id}` as any)
  return { done: true, message: `Recharge ${tx.id} reversed: its order ${order ? `${order.number} is ${order.status}` : 'does not exist'}`, detail: { reversal: (reversal as any)?.transaction?.id ?? null } }
}

/**
 * recalculate_balance in an append-only ledger. The stored balance is a cache of the entries, and
 * entries can never be edited, so "recalculate" cannot rewrite history. A drift (stored balance
 * B ≠ Σ entries E) means something wrote the balance outside the ledger. The repair makes the
 * ledger explain the balance again, in one database transaction:
 *   1. the cache is reset to what the entries say: balance := E (audited with before/after);
 *   2. a `correction` transaction of δ = B − E is posted through post() between this account and
 *      the payment-clearing system account (key `correction:account:<id>:<last entry>:<δ>`),
 *      so balance = E + δ = B = Σ entries, and the last entry's balance_after = B.
 * The customer keeps the balance they were shown (nobody's money silently changes), and the
 * difference becomes a visible, attributable ledger transaction that finance can reverse (a
 * normal compensating reversal) if the drift turns out to be illegitimate. Gift accounts are
 * refused (their balance must equal their dated lots; fix those by hand).
 */
export async function correctBalance(trx: TransactionClientContract, accountId: string | number, actor: Actor): Promise<RepairResult> {
  const account = await trx.from('ledger_accounts').where('id', accountId).forUpdate().first()
  if (!account) throw new NotFound(`Account ${accountId} was not found`)
  const [{ total }] = await trx.from('ledger_entries').where('account_id', accountId).sum('amount as total')
  const entries = BigInt(total ?? 0)
  const stored = BigInt(account.balance)
  const last = await trx.from('ledger_entries').where('account_id', accountId).orderBy('id', 'desc').first()
  const lastAfter = last ? BigInt(last.balance_after) : 0n
  if (stored === entries && lastAfter === stored) return { done: false, message: `Account ${accountId}: balance already equals its entries` }
  if (account.code === 'gift') throw new Conflict(`Account ${accountId} is a gift balance: its lots must be corrected by hand`)
  const delta = stored - entries
  await trx.from('ledger_accounts').where('id', accountId).update({ balance: entries.toString(), updated_at: new Date() })
  if (delta === 0n) {
    // only the last balance_after was off: a zero-sum correction cannot touch one account alone
    return { done: true, message: `Account ${accountId}: balance equals its entries; nothing to post` }
  }
  const clearing = await systemAccount(trx, 'payment_clearing')
  const posted = await post(
    trx,
    {
      type: 'correction',
      idempotencyKey: `correction:account:${accountId}:${last?.id ?? 0}:${delta}`,
      request: { accountId: Number(accountId), stored, entries },
      actor,
      customerId: account.owner_type === 'customer' ? Number(account.owner_id) : null,
      // `correction` is signed (#contract/ledger_types): what the account gained or lost
      amount: delta,
      reference: { type: 'account', id: accountId },
      memo: `Reconciliation: stored balance ${fromUnits(stored)} differed from its entries ${fromUnits(entries)}`,
    },
    () => [
      { accountId: Number(accountId), amount: delta },
      { accountId: clearing, amount: -delta },
    ]
  )
  return {
    done: true,
    message: `Account ${accountId}: correction of ${fromUnits(delta)} posted (transaction ${posted.transaction.id}); balance = Σ entries = ${fromUnits(stored)}`,
    detail: { transactionId: Number(posted.transaction.id), stored: stored.toString(), entries: entries.toString(), delta: delta.toString() },
  }
}

export async function expireStuckOrder(orderId: string | number): Promise<RepairResult> {
  const cancelled = await expirePendingOrders(new Date())
  return { done: cancelled > 0, message: `Expiry run for pending orders past their time (order ${orderId}): ${cancelled} cancelled` }
}

export async function reprocessEvent(eventRowId: string | number, facts: RequestFacts): Promise<RepairResult> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const row = await db.from('payment_events').where('id', eventRowId).first()
  if (!row) throw new NotFound(`Payment event ${eventRowId} was not found`)
  if (row.status !== 'failed') return { done: false, message: `Event ${row.event_id} is ${row.status}; nothing to reprocess` }
  const outcome = await processStripeEvent(row.payload, facts)
  return { done: true, message: `Event ${row.event_id} reprocessed: ${outcome.status}`, detail: outcome }
}

export async function takeBackProviderRefunds(trx: TransactionClientContract, orderId: string | number, actor: Actor, facts: RequestFacts): Promise<RepairResult> {
  const order = await trx.from('orders').where('id', orderId).forUpdate().first()
  if (!order) throw new NotFound(`Order ${orderId} was not found`)
  const refunds = order.channel === 'stripe' && order.channel_payment_id ? await listProviderRefunds(order.channel_payment_id) : []
  const live = refunds.filter((r) => !['failed', 'canceled'].includes(r.status)).reduce((sum, r) => sum + BigInt(r.amount), 0n)
  const applied = await applyPaymentFacts(trx, order.id, { refunds, ...(live > 0n ? { refunded: { amount: Number(live) } } : {}) }, actor, {
    action: 'reconcile.provider_refund',
    requestFacts: facts,
  })
  const taken = await trx.from('ledger_transactions').where({ reference_type: 'order', reference_id: String(order.id) }).whereIn('type', ['provider_refund', 'dispute_loss'])
  return {
    done: applied.changed,
    message: applied.changed
      ? `Order ${order.number}: what the provider took back is now taken from the balance (${applied.notes.join('; ') || 'see the ledger'})`
      : `Order ${order.number}: nothing more to take back (${refunds.length} refunds at the provider)`,
    detail: { notes: applied.notes, transactions: taken.map((t) => Number(t.id)) },
  }
}
