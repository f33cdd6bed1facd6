import { Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Order } from '../../api/types'
import { isZero } from '@creditdesk/contract/money'
import { formatPrice as formatCurrency } from '../Money'
import { orderStatusColor, orderStatusLabel } from '../../lib/orders'

export function OrderStatusTag({ status }: { status: string }) {
  const { t } = useTranslation()
  return (
    <Tag color={orderStatusColor(status)} bordered={false} className="cd-type-tag" data-status={status}>
      {orderStatusLabel(t, status)}
    </Tag>
  )
}

/**
 * What happened to the money after the payment: refunded amount (of the total), a refund in progress, or a refund
 * that failed. Nothing for orders without a refund.
 */
export function RefundInfo({ order }: { order: Order }) {
  const { t } = useTranslation()
  const refunded = !!order.refunded_amount && !isZero(order.refunded_amount)
  const amount = formatCurrency(order.refunded_amount, order.currency)
  const lines: { key: string; text: string; type?: 'secondary' | 'warning' | 'danger' }[] = []
  if (order.status === 'REFUNDING') lines.push({ key: 'refunding', text: t('orders.refunding'), type: 'warning' })
  if (order.status === 'REFUND_FAILED') lines.push({ key: 'failed', text: t('orders.refundFailed'), type: 'danger' })
  if (refunded) {
    lines.push({
      key: 'amount',
      text:
        order.status === 'REFUNDED'
          ? t('orders.refundedFull', { amount })
          : t('orders.refundedOf', { amount, total: formatCurrency(order.amount, order.currency) }),
      type: 'secondary',
    })
  }
  if (!lines.length) return null
  return (
    <div className="cd-refund" data-testid="refund-info">
      {lines.map((l) => (
        <Typography.Text key={l.key} type={l.type} style={{ fontSize: 13 }}>
          {l.text}
        </Typography.Text>
      ))}
    </div>
  )
}

/**
 * Why a FAILED order failed, in the UI language: the kind the server recognised, worded here; in English the stored
 * reason itself (it is English: ours, or the payment provider's message, which is more specific).
 */
export function failureText(t: TFunction, order: Pick<Order, 'failure_reason' | 'failure_kind'>, language: string): string {
  if (language === 'en' && order.failure_reason) return order.failure_reason
  return t(`orders.failures.${order.failure_kind ?? 'payment_failed'}`, { defaultValue: t('orders.failures.payment_failed') })
}

export function FailureReason({ order }: { order: Order }) {
  const { t, i18n } = useTranslation()
  return <>{failureText(t, order, i18n.language)}</>
}
