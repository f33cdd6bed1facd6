import { CreditCardOutlined, LockOutlined, ProfileOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Empty, Result, Row, Skeleton, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { toApiError } from '../api/client'
import * as api from '../api/portal'
import type { Plan } from '../api/types'
import { formatMoney, formatPrice } from '../components/Money'
import { PageHeader } from '../components/PageHeader'
import { planTexts } from '../components/plans/localized'
import { useCountdown } from '../components/useCountdown'
import { useDocumentTitle } from '../hooks'
import { browser, isWebUrl } from '../lib/browser'
import { describeError } from '../lib/formErrors'
import { formatWait } from '../lib/format'

export function BuyCreditsPage() {
  const { t, i18n } = useTranslation()
  useDocumentTitle(t('buy.title'))
  const [plans, setPlans] = useState<Plan[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [loadKey, setLoadKey] = useState(0)
  /** the plan whose checkout is being opened (the page stays busy until the browser leaves) */
  const [buying, setBuying] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** 503: card payments are switched off on the server */
  const [unavailable, setUnavailable] = useState(false)
  const throttle = useCountdown()
  const latest = useRef(0)

  useEffect(() => {
    const id = ++latest.current
    setLoadError(null)
    api
      .listPlans()
      .then((rows) => {
        if (id === latest.current) setPlans(rows)
      })
      .catch((err: unknown) => {
        if (id === latest.current) setLoadError(err)
      })
  }, [loadKey])

  const reloadPlans = useCallback(() => setLoadKey((k) => k + 1), [])

  const buy = async (plan: Plan) => {
    setBuying(plan.id)
    setError(null)
    throttle.clear()
    try {
      const { checkout_url: url } = await api.createOrder(plan.id)
      if (!isWebUrl(url)) {
        setError(t('buy.noCheckout'))
        setBuying(null)
        return
      }
      // Off to Stripe Checkout; the button keeps spinning until the page unloads.
      browser.assign(url)
    } catch (err) {
      const e = toApiError(err)
      setBuying(null)
      if (e.status === 503) {
        setUnavailable(true)
      } else if (e.status === 429 && e.retryAfter) {
        throttle.start(e.retryAfter)
      } else if (e.status === 422) {
        const planError = e.fieldErrors.find((f) => f.field.replace(/^body\./, '') === 'plan_id')
        setError(planError?.message || t('buy.planUnavailable'))
        reloadPlans()
      } else if (e.status === 502) {
        setError(t('buy.providerError'))
      } else if (e.status === 403) {
        setError(e.message || t('buy.forbidden'))
      } else {
        setError(describeError(e, t))
      }
    }
  }

  const throttled = throttle.secondsLeft > 0
  const blocked = unavailable || throttled || buying !== null

  const header = (
    <PageHeader
      title={t('buy.title')}
      description={t('buy.description')}
      extra={
        <Link to="/account/orders">
          <Button icon={<ProfileOutlined />}>{t('buy.viewOrders')}</Button>
        </Link>
      }
    />
  )

  if (loadError !== null && plans === null) {
    return (
      <>
        {header}
        <Alert
          type="error"
          showIcon
          className="cd-form-alert"
          message={t('buy.loadFailed')}
          description={describeError(loadError, t)}
          action={
            <Button size="small" onClick={reloadPlans}>
              {t('common.retry')}
            </Button>
          }
        />
      </>
    )
  }

  return (
    <>
      {header}
      {unavailable && (
        <Card variant="borderless" className="cd-card cd-form-alert" data-testid="payments-unavailable">
          <Result
            status="warning"
            icon={<CreditCardOutlined />}
            title={t('buy.unavailableTitle')}
            subTitle={t('buy.unavailableText')}
            extra={
              <Link to="/account/redeem">
                <Button>{t('buy.redeemInstead')}</Button>
              </Link>
            }
          />
        </Card>
      )}
      {throttled && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="cd-form-alert"
          data-testid="buy-throttled"
          message={t('buy.tooMany', { wait: formatWait(throttle.secondsLeft, t) })}
        />
      )}
      {!unavailable && !throttled && error && <Alert type="error" showIcon role="alert" className="cd-form-alert" message={error} />}
      {plans === null ? (
        <Card variant="borderless" className="cd-card">
          <Skeleton active />
        </Card>
      ) : plans.length === 0 ? (
        <Card variant="borderless" className="cd-card">
          <Empty description={t('buy.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]} role="list" aria-label={t('buy.plans')}>
          {plans.map((plan) => {
            const { name, description } = planTexts(plan, i18n.language)
            return (
              <Col xs={24} sm={12} xl={8} key={plan.id} role="listitem">
                <Card variant="borderless" className="cd-card cd-plan" data-testid={`plan-${plan.id}`}>
                  <Typography.Title level={4} style={{ marginTop: 0 }}>
                    {name}
                  </Typography.Title>
                  <div className="cd-plan-price" data-testid="plan-price">
                    {formatPrice(plan.price, plan.currency)}
                  </div>
                  {/* what the balance gains, in the ledger's unit, like every amount the customer holds */}
                  <Typography.Paragraph className="cd-plan-credits" data-testid="plan-credits">
                    {t('buy.credits', { amount: formatMoney(t, plan.credits, plan.asset, '+') })}
                  </Typography.Paragraph>
                  {description && <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>}
                  <Button
                    type="primary"
                    block
                    size="large"
                    icon={<CreditCardOutlined />}
                    loading={buying === plan.id}
                    disabled={blocked && buying !== plan.id}
                    aria-label={t('buy.buyPlan', { name })}
                    onClick={() => void buy(plan)}
                  >
                    {buying === plan.id ? t('buy.redirecting') : t('buy.buy')}
                  </Button>
                </Card>
              </Col>
            )
          })}
        </Row>
      )}
      <Typography.Paragraph type="secondary" className="cd-section">
        <LockOutlined /> {t('buy.secureNote')}
      </Typography.Paragraph>
    </>
  )
}
