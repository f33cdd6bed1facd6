import type { TFunction } from 'i18next'
import type { Order } from '../api/types'
import { humanize } from './format'
import { isZero } from '@creditdesk/contract/money'

/** antd Tag colours per order status. */
const COLORS: Record<string, string> = {
  PENDING: 'gold',
  PAID: 'green',
  FAILED: 'red',
  CANCELLED: 'default',
  REFUNDING: 'processing',
  PARTIALLY_REFUNDED: 'purple',
  REFUNDED: 'purple',
  REFUND_FAILED: 'volcano',
}

export function orderStatusColor(status: string): string {
  return COLORS[status] ?? 'default'
}

export function orderStatusLabel(t: TFunction, status: string): string {
  return t(`orders.statuses.${status}`, { defaultValue: humanize(status.toLowerCase()) })
}

export function orderChannelLabel(t: TFunction, channel: string): string {
  return t(`orders.channels.${channel}`, { defaultValue: humanize(channel) })
}

/** Statuses after a payment that involve a refund. */
export function hasRefund(order: Pick<Order, 'status' | 'refunded_amount'>): boolean {
  return (
    ['REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED', 'REFUND_FAILED'].includes(order.status) ||
    (!!order.refunded_amount && !isZero(order.refunded_amount))
  )
}

/** The order can still be paid: pending with a checkout link. */
export function canContinuePayment(order: Pick<Order, 'status' | 'checkout_url'>): boolean {
  return order.status === 'PENDING' && !!order.checkout_url
}
