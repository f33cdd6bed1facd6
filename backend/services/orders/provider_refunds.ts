/**
 * Refunds the payment provider made on its own side (Stripe dashboard, Radar): the credit they
 * paid for is taken back, in the same database transaction as the event that told us.
 *
 * 1. record: each provider refund that is not one of ours (our refunds carry our refund id in
 *    their metadata and their provider id on the refund row) is stored in `provider_refunds`,
 *    whichever event names it first. A failed or canceled status is final.
 * 2. settle (once the order is credited — a refund may arrive before the payment):
 *    - a refund that is `succeeded` or `pending` takes its share of the credit back
 *      (`provider_refund`, key `provider_refund:<provider id>`): cash first, the rest arrears.
 *      Pending counts as taken: the provider has accepted it and usually completes it; if it
 *      fails later, the compensation below gives the credit back.
 *    - a refund that failed or was canceled after its credit was taken gives back exactly what
 *      was taken (`provider_refund_restore`, key `provider_refund:<provider id>:restore`),
 *      arrears reduced first, then cash.
 *
 * Share of the credit, exact and rounded down, telescoped over the order's provider refunds so
 * that partial refunds adding up to the whole payment take back exactly the whole grant:
 *   units = ⌊G·(S+m)/A⌋ − ⌊G·S/A⌋
 * G = grant (ledger units), A = amount paid (minor units), m = this refund, S = the order's
 * provider refunds taken before it. The order row must be locked by the caller.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import { systemAccount } from '#services/ledger/accounts'
import { giveBack, takeBack } from '#services/ledger/arrears'
import type { OrderRow, ProviderRefundRow } from './rows.js'
import type { RefundRow } from '#services/refunds/rows'

export type ProviderRefundFact = {
  id: string
  amount: number
  status: string
  failureReason?: string | null
  /** Our refund id from the refund's metadata, when it is one we made. */
  ourRefundId?: string | null
}

/** Provider statuses under which the money has left (or is leaving) the merchant. */
export const TAKING = ['succeeded', 'pending', 'requires_action']
export const FAILED = ['failed', 'canceled']

export const providerRefundKeys = {
  take: (id: string) => `provider_refund:${id}`,
  restore: (id: string) => `provider_refund:${id}:restore`,
}

/** The refund row of ours a provider refund belongs to, or null when the provider made it. */
export async function ourRefund(trx: TransactionClientContract, order: OrderRow, fact: ProviderRefundFact): Promise<RefundRow | null> {
  const byProviderId = await trx.from('refunds').where({ order_id: order.id, provider_refund_id: fact.id }).first()
  if (byProviderId) return byProviderId
  const id = Number(fact.ourRefundId)
  if (!Number.isSafeInteger(id) || id <= 0) return null
  return (await trx.from('refunds').where({ order_id: order.id, id }).first()) ?? null
}

/** Stores what the provider says about its own refunds of the order (not ours). */
export async function recordProviderRefunds(trx: TransactionClientContract, order: OrderRow, facts: ProviderRefundFact[]) {
  const ours: Array<{ fact: ProviderRefundFact; refund: RefundRow }> = []
  for (const fact of facts) {
    if (!fact.id || !(fact.amount > 0)) continue
    const refund = await ourRefund(trx, order, fact)
    if (refund) {
      ours.push({ fact, refund })
      continue
    }
    await trx.rawQuery(
      `INSERT INTO provider_refunds (provider, provider_refund_id, order_id, customer_id, currency, amount, status, failure_reason)
       VALUES ('stripe', ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (provider, provider_refund_id) DO UPDATE
         SET status = EXCLUDED.status, failure_reason = EXCLUDED.failure_reason, updated_at = now()
         WHERE provider_refunds.status NOT IN ('failed', 'canceled') AND provider_refunds.status <> EXCLUDED.status`,
      [fact.id, order.id, order.customer_id, order.currency, fact.amount, fact.status, fact.failureReason ?? null] as any[]
    )
  }
  return ours
}

export type Settled = { taken: Array<{ id: string; units: bigint; toArrears: bigint }>; restored: Array<{ id: string; units: bigint; amount: bigint }> }

/** Makes the ledger follow the recorded provider refunds of a credited, locked order. */
export async function settleProviderRefunds(trx: TransactionClientContract, order: OrderRow, actor: Actor): Promise<Settled> {
  const done: Settled = { taken: [], restored: [] }
  if (!order.paid_transaction_id) return done
  const rows: ProviderRefundRow[] = await trx.from('provider_refunds').where('order_id', order.id).orderBy('id').forUpdate()
  const grant = BigInt(order.grant_amount)
  const paid = BigInt(order.amount)
  const share = (minor: bigint) => (grant * (minor > paid ? paid : minor)) / paid
  let before = rows.filter((r) => r.take_transaction_id && !r.restore_transaction_id).reduce((sum, r) => sum + BigInt(r.amount), 0n)
  const customerId = Number(order.customer_id)

  for (const row of rows) {
    if (TAKING.includes(row.status) && !row.take_transaction_id) {
      const units = share(before + BigInt(row.amount)) - share(before)
      if (units <= 0n) continue
      const taken = await takeBack(
        trx,
        {
          type: 'provider_refund',
          idempotencyKey: providerRefundKeys.take(row.provider_refund_id),
          request: { orderId: Number(order.id), providerRefundId: row.provider_refund_id, amount: String(row.amount) },
          actor,
          customerId,
          reference: { type: 'order', id: order.id },
          memo: `Refunded at the payment provider (${row.provider_refund_id}) on order ${order.number}: credit taken back`,
        },
        units,
        async (total) => [{ accountId: await systemAccount(trx, 'refunds'), amount: total }]
      )
      const takenUnits = BigInt(taken.posted.transaction.amount)
      await trx.from('provider_refunds').where('id', row.id).update({ take_transaction_id: taken.posted.transaction.id, taken_units: takenUnits.toString(), updated_at: new Date() })
      before += BigInt(row.amount)
      done.taken.push({ id: row.provider_refund_id, units: takenUnits, toArrears: taken.toArrears })
    } else if (FAILED.includes(row.status) && row.take_transaction_id && !row.restore_transaction_id) {
      const units = BigInt(row.taken_units)
      const given = await giveBack(
        trx,
        {
          type: 'provider_refund_restore',
          idempotencyKey: providerRefundKeys.restore(row.provider_refund_id),
          request: { orderId: Number(order.id), providerRefundId: row.provider_refund_id, units },
          actor,
          customerId,
          reference: { type: 'order', id: order.id },
          memo: `The provider's refund ${row.provider_refund_id} on order ${order.number} ${row.status}: credit given back`,
        },
        units,
        () => systemAccount(trx, 'refunds')
      )
      await trx.from('provider_refunds').where('id', row.id).update({ restore_transaction_id: given.posted.transaction.id, updated_at: new Date() })
      before -= BigInt(row.amount)
      done.restored.push({ id: row.provider_refund_id, units, amount: BigInt(row.amount) })
    }
  }
  return done
}
