import { ReloadOutlined, ShoppingCartOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Space, Tooltip, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { fetchQuotas, type PortalQuotasWire } from '../api/account'
import { PageHeader } from '../components/PageHeader'
import { QuotaCard } from '../components/quotas/QuotaCard'
import { featureLabel, formatResetTime } from '../components/quotas/quotaText'
import { useDocumentTitle } from '../hooks'
import { describeError } from '../lib/formErrors'

type Quota = PortalQuotasWire['quotas'][number]

/** Quotas side by side under the plan that gives them (quotas of no plan last). */
function byPlan(quotas: Quota[]) {
  const groups = new Map<string, { plan: Quota['plan']; quotas: Quota[] }>()
  for (const quota of quotas) {
    const key = quota.plan ? String(quota.plan.id) : ''
    if (!groups.has(key)) groups.set(key, { plan: quota.plan, quotas: [] })
    groups.get(key)!.quotas.push(quota)
  }
  return [...groups.values()]
}

/**
 * The plan quotas of the account: each feature's use in its current period as a bar (or
 * "Unlimited"), when it starts again, and the alerts already sent this period.
 */
export function QuotasPage() {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  useDocumentTitle(t('quotas.title'))
  const [data, setData] = useState<PortalQuotasWire | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)
  const latest = useRef(0)

  const load = useCallback(async () => {
    const id = ++latest.current
    setLoading(true)
    setError(null)
    try {
      const next = await fetchQuotas()
      if (id === latest.current) setData(next)
    } catch (err) {
      if (id === latest.current) setError(err)
    } finally {
      if (id === latest.current) setLoading(false)
    }
  }, [])
  useEffect(() => void load(), [load])

  return (
    <>
      <PageHeader
        title={t('quotas.title')}
        description={t('quotas.description')}
        extra={
          <Tooltip title={t('quotas.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label={t('quotas.refresh')} />
          </Tooltip>
        }
      />
      {error !== null && (
        <Alert
          type="error"
          showIcon
          className="cd-form-alert"
          message={t('quotas.loadFailed')}
          description={describeError(error, t)}
          action={<Button size="small" onClick={() => void load()}>{t('common.retry')}</Button>}
        />
      )}
      {data && data.alerts.length > 0 && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="quota-alerts">
          {data.alerts.map((alert) => (
            <Alert
              key={`${alert.feature}:${alert.threshold}:${alert.period_start}`}
              type={alert.threshold >= 100 ? 'error' : 'warning'}
              showIcon
              message={t(alert.threshold >= 100 ? 'quotas.alertFull' : 'quotas.alert', { feature: featureLabel(alert.feature, lang), threshold: alert.threshold })}
              description={t('quotas.alertAt', { at: formatResetTime(alert.created_at, lang) })}
            />
          ))}
        </Space>
      )}
      {loading && !data ? (
        <Card><Skeleton active /></Card>
      ) : data && data.quotas.length === 0 ? (
        <Card>
          <Empty description={t('quotas.empty')}>
            <Link to="/account/buy">
              <Button type="primary" icon={<ShoppingCartOutlined />}>{t('quotas.buyPlan')}</Button>
            </Link>
          </Empty>
        </Card>
      ) : (
        data &&
        byPlan(data.quotas).map((group) => (
          <section key={group.plan?.id ?? 'none'} style={{ marginBottom: 24 }}>
            <Typography.Title level={5} data-testid="quota-plan">
              {group.plan ? t('quotas.plan', { plan: group.plan.name }) : t('quotas.noPlan')}
            </Typography.Title>
            <Row gutter={[16, 16]}>
              {group.quotas.map((quota) => (
                <Col key={`${quota.feature}:${quota.period}`} xs={24} md={12} xl={8}>
                  <QuotaCard quota={quota} />
                </Col>
              ))}
            </Row>
          </section>
        ))
      )}
    </>
  )
}
