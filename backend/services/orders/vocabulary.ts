/**
 * The order vocabulary: the statuses an order moves through (the shared contract's list, with
 * its labels), the channels it is paid by, and which statuses count as paid. Shared by the
 * order use cases, the refunds flow, the state machine (payment_facts.ts) and reconciliation.
 */
import { ORDER_STATUSES as ORDER_STATUS_OPTIONS, valuesOf, type OrderStatus } from '#contract/statuses'

export type { OrderStatus }
export const ORDER_STATUSES = valuesOf(ORDER_STATUS_OPTIONS) as OrderStatus[]

export const ORDER_CHANNELS = ['stripe', 'bank_transfer', 'cash'] as const
export type OrderChannel = (typeof ORDER_CHANNELS)[number]

/** Channels whose payment finance confirms by hand (console orders). */
export const OFFLINE_CHANNELS: readonly string[] = ['bank_transfer', 'cash']

/** Statuses of an order that was paid (whatever has been refunded since). */
export const PAID_FAMILY: readonly string[] = ['PAID', 'REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED'] satisfies OrderStatus[]

export const isPaid = (status: string) => PAID_FAMILY.includes(status)

/** The status of a paid order, from what has been refunded (REFUNDING belongs to the refunds flow). */
export function paidStatus(order: { refunded_amount?: string | bigint | null; amount: string | bigint; status: string }): OrderStatus {
  const refunded = BigInt(order.refunded_amount ?? 0)
  if (refunded >= BigInt(order.amount)) return 'REFUNDED'
  if (order.status === 'REFUNDING') return 'REFUNDING'
  return refunded > 0n ? 'PARTIALLY_REFUNDED' : 'PAID'
}
