import { CreditCardOutlined, LoadingOutlined, ProfileOutlined, ReloadOutlined, WalletOutlined } from '@ant-design/icons'
import { Button, Card, Descriptions, Result, Spin, Typography } from 'antd'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { toApiError, type ApiError } from '../api/client'
import * as api from '../api/portal'
import type { Order } from '../api/types'
import { formatMoney, formatPrice as formatCurrency } from '../components/Money'
import { failureText, OrderStatusTag, RefundInfo } from '../components/orders/OrderStatus'
import { orderPlanName } from '../components/plans/localized'
import { useDocumentTitle } from '../hooks'
import { isWebUrl } from '../lib/browser'
import { describeError } from '../lib/formErrors'
import { formatDateTime } from '../lib/format'

/** After a successful checkout the webhook may land a moment after the customer: ask again every 2 s for up to a minute. */
export const POLL_INTERVAL_MS = 2000
export const POLL_LIMIT_MS = 60_000

/** Paid but the credits are not (yet) on the wallet, or not paid yet: the confirmation is still to come. */
function awaitingConfirmation(order: Order) {
  return order.status === 'PENDING' || (order.status === 'PAID' && !order.credited)
}

const BUY_PATH = '/account/buy'
const ORDERS_PATH = '/account/orders'

/**
 * Where Stripe sends the customer back: `/billing/result?order=R…&outcome=success|cancel`. The outcome in the URL is
 * only what the customer did at the checkout; the page shows the order's real state from the server.
 */
export function BillingResultPage() {
  const { t, i18n } = useTranslation()
  useDocumentTitle(t('billing.title'))
  const [params] = useSearchParams()
  const number = params.get('order')?.trim() ?? ''
  const outcome = params.get('outcome')
  const [order, setOrder] = useState<Order | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [notFound, setNotFound] = useState(false)
  const [timedOut, setTimedOut] = useState(false)
  const [checkKey, setCheckKey] = useState(0)
  const [checking, setChecking] = useState(false)
  const hasOrder = useRef(false)

  useEffect(() => {
    if (!number) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const startedAt = Date.now()
    setTimedOut(false)
    setNotFound(false)
    setChecking(true)

    const tick = async () => {
      try {
        const next = await api.fetchOrder(number)
        if (cancelled) return
        hasOrder.current = true
        setOrder(next)
        setError(null)
        if (outcome !== 'success' || !awaitingConfirmation(next)) return setChecking(false)
      } catch (err) {
        if (cancelled) return
        const e = toApiError(err)
        if (e.status === 404) {
          setNotFound(true)
          return setChecking(false)
        }
        setError(e)
        // Nothing to show yet: stop and offer a retry. With an order on screen, a hiccup does not end the polling.
        if (!hasOrder.current) return setChecking(false)
      }
      if (Date.now() - startedAt + POLL_INTERVAL_MS > POLL_LIMIT_MS) {
        setTimedOut(true)
        return setChecking(false)
      }
      timer = setTimeout(() => void tick(), POLL_INTERVAL_MS)
    }
    void tick()
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [number, outcome, checkKey])

  const checkAgain = () => setCheckKey((k) => k + 1)

  const ordersLink = (
    <Link to={ORDERS_PATH} key="orders">
      <Button icon={<ProfileOutlined />}>{t('billing.viewOrders')}</Button>
    </Link>
  )
  const tryAgainLink = (
    <Link to={BUY_PATH} key="again">
      <Button type="primary">{t('billing.tryAgain')}</Button>
    </Link>
  )
  const continueLink = (o: Order) =>
    o.status === 'PENDING' && isWebUrl(o.checkout_url) ? (
      <Button type="primary" key="continue" icon={<CreditCardOutlined />} href={o.checkout_url}>
        {t('billing.continuePayment')}
      </Button>
    ) : null

  let body: ReactNode
  if (!number) {
    body = <Result status="warning" title={t('billing.missingTitle')} subTitle={t('billing.missingText')} extra={[ordersLink]} />
  } else if (notFound) {
    body = (
      <Result
        status="404"
        title={t('billing.notFoundTitle')}
        subTitle={t('billing.notFoundText', { number })}
        extra={[ordersLink]}
        data-testid="order-not-found"
      />
    )
  } else if (!order && error) {
    body = (
      <Result
        status="error"
        title={t('billing.loadFailed')}
        subTitle={describeError(error, t)}
        extra={[
          <Button type="primary" key="retry" onClick={checkAgain}>
            {t('common.retry')}
          </Button>,
          ordersLink,
        ]}
      />
    )
  } else if (!order) {
    body = (
      <div className="cd-center" role="status" aria-live="polite">
        <Spin size="large" />
      </div>
    )
  } else {
    body = outcomeOf(order)
  }

  function outcomeOf(o: Order): ReactNode {
    const amount = formatCurrency(o.amount, o.currency)
    const credits = formatMoney(t, o.credits, o.asset, '+')
    if (o.status === 'PAID' && o.credited) {
      return (
        <Result
          status="success"
          title={t('billing.successTitle')}
          subTitle={t('billing.successText', { amount, credits })}
          extra={[
            <Link to="/account/wallet" key="wallet">
              <Button type="primary" icon={<WalletOutlined />}>
                {t('billing.viewWallet')}
              </Button>
            </Link>,
            ordersLink,
          ]}
        />
      )
    }
    if (awaitingConfirmation(o) && outcome === 'success' && !timedOut) {
      return (
        <Result
          icon={<Spin indicator={<LoadingOutlined style={{ fontSize: 56 }} spin />} />}
          title={o.status === 'PAID' ? t('billing.creditingTitle') : t('billing.confirmingTitle')}
          subTitle={t('billing.confirmingText')}
          data-testid="payment-confirming"
        />
      )
    }
    if (awaitingConfirmation(o) && outcome === 'success') {
      return (
        <Result
          status="info"
          title={t('billing.slowTitle')}
          subTitle={t('billing.slowText', { number: o.number })}
          extra={[
            <Button type="primary" key="check" icon={<ReloadOutlined />} onClick={checkAgain} loading={checking}>
              {t('billing.checkAgain')}
            </Button>,
            ordersLink,
          ]}
        />
      )
    }
    if (o.status === 'PAID') {
      // paid, credits on their way (customer did not come from a successful checkout)
      return (
        <Result
          status="info"
          title={t('billing.creditingTitle')}
          subTitle={t('billing.creditingText')}
          extra={[
            <Button type="primary" key="check" icon={<ReloadOutlined />} onClick={checkAgain} loading={checking}>
              {t('billing.checkAgain')}
            </Button>,
            ordersLink,
          ]}
        />
      )
    }
    if (o.status === 'PENDING') {
      return (
        <Result
          status="warning"
          title={outcome === 'cancel' ? t('billing.leftTitle') : t('billing.awaitingTitle')}
          subTitle={outcome === 'cancel' ? t('billing.leftText', { number: o.number }) : t('billing.awaitingText', { number: o.number })}
          extra={[continueLink(o), <Link to={BUY_PATH} key="again">
            <Button>{t('billing.choosePlan')}</Button>
          </Link>, ordersLink].filter(Boolean)}
        />
      )
    }
    if (o.status === 'CANCELLED') {
      return (
        <Result
          status="warning"
          title={t('billing.cancelledTitle')}
          subTitle={t('billing.cancelledText', { number: o.number })}
          extra={[tryAgainLink, ordersLink]}
        />
      )
    }
    if (o.status === 'FAILED') {
      return (
        <Result
          status="error"
          title={t('billing.failedTitle')}
          subTitle={
            <>
              <div>{t('billing.failedText', { number: o.number })}</div>
              <div data-testid="failure-reason">{t('billing.failureReason', { reason: failureText(t, o, i18n.language) })}</div>
            </>
          }
          extra={[tryAgainLink, ordersLink]}
        />
      )
    }
    // refunds and anything newer: the status speaks for itself
    return (
      <Result
        status="info"
        title={t('billing.orderTitle', { number: o.number })}
        subTitle={
          <>
            <OrderStatusTag status={o.status} />
            <RefundInfo order={o} />
          </>
        }
        extra={[ordersLink]}
      />
    )
  }

  return (
    <>
      <Card variant="borderless" className="cd-card">
        <div role="status" aria-live="polite" data-testid="billing-result">
          {body}
        </div>
      </Card>
      {order && !notFound && (
        <Card variant="borderless" className="cd-card cd-section" title={t('billing.orderTitle', { number: order.number })}>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" className="cd-descriptions">
            <Descriptions.Item label={t('orders.plan')}>{orderPlanName(order, i18n.language) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('orders.status')}>
              <OrderStatusTag status={order.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.amount')}>{formatCurrency(order.amount, order.currency)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.credits')}>{formatMoney(t, order.credits, order.asset, order.credited ? '+' : undefined)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.date')}>{formatDateTime(order.created_at)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.paidAt')}>
              {order.paid_at ? formatDateTime(order.paid_at) : <Typography.Text type="secondary">—</Typography.Text>}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </>
  )
}
