import { Suspense, lazy, type ReactNode } from 'react'
import { useCustom } from '@refinedev/core'
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd'
import { AlertOutlined, AuditOutlined, LoginOutlined, RollbackOutlined, UserAddOutlined, WalletOutlined } from '@ant-design/icons'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { API_URL } from '../../providers/http'
import { formatMoney } from '@creditdesk/contract/money'
import { useMetaState } from '../../meta/MetaContext'
import { canAccess } from '../../meta/permissions'
import type { TrendPoint } from './TrendChart'

const TrendChart = lazy(() => import('./TrendChart'))

interface MoneyFigure {
  count: number
  amount: string
}

/**
 * The server sends only the figures whose lists the caller's role may view (see
 * backend/services/dashboard/figures.ts): every part is optional and a card shows only when its
 * figure came back.
 */
export interface DashboardSummary {
  staffLoginsToday?: number
  newCustomers?: { today: number; week: number; month: number; year: number }
  trend?: TrendPoint[]
  /** Today's ledger movements by kind, amounts as decimal strings. */
  moneyToday?: { currency?: string; [kind: string]: MoneyFigure | string | undefined }
  /** Refunds and payment ↔ credit health. */
  payments?: { refundsToday?: MoneyFigure; refundsWaitingForReview?: number; paidOrdersWithoutRecharge?: number }
}

const MONEY_KINDS = ['recharged', 'codesRedeemed', 'vouchersGranted', 'usageCharged'] as const

/** Home: today's staff sign-ins, new customers per period, 30-day trend. */
export function DashboardPage() {
  const { t, i18n } = useTranslation()
  const { meta } = useMetaState()
  const { result, query } = useCustom<DashboardSummary>({ url: `${API_URL}/dashboard/summary`, method: 'get', errorNotification: false })
  const summary = query.isSuccess ? (result.data as DashboardSummary) : undefined
  const loading = query.isLoading

  const customers = summary?.newCustomers
  const cards: { key: string; title: string; value?: number; icon: ReactNode }[] = [
    ...(loading || summary?.staffLoginsToday !== undefined
      ? [{ key: 'logins', title: t('dashboard.staffLoginsToday'), value: summary?.staffLoginsToday, icon: <LoginOutlined /> }]
      : []),
    ...(loading || customers
      ? (['today', 'week', 'month', 'year'] as const).map((period) => ({
          key: period,
          title: `${t('dashboard.newCustomers')} · ${t(`dashboard.${period}`)}`,
          value: customers?.[period],
          icon: <UserAddOutlined />,
        }))
      : []),
  ]
  const trend = summary?.trend
  const money = summary?.moneyToday
  const payments = summary?.payments
  // a card links to a list only for a role that may open it (the server already leaves out figures of lists the role may not view)
  const refundsList = canAccess(meta, 'refunds', 'list')
  const findingsList = canAccess(meta, 'reconciliation-findings', 'list')
  const linked = (to: string, allowed: boolean, content: ReactNode) => (allowed ? <Link to={to}>{content}</Link> : content)

  return (
    <div className="cd-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('dashboard.title')}</Typography.Title>
      {query.isError && <Alert type="error" showIcon message={query.error?.message} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col key={c.key} flex="1 1 200px">
            <Card variant="borderless" className="cd-stat" data-testid={`stat-${c.key}`}>
              <Statistic title={c.title} value={c.value ?? 0} loading={loading} prefix={c.icon} />
            </Card>
          </Col>
        ))}
      </Row>
      {money && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {MONEY_KINDS.filter((k) => typeof money[k] === 'object').map((k) => {
            const figure = money[k] as MoneyFigure
            return (
              <Col key={k} flex="1 1 240px">
                <Card variant="borderless" className="cd-stat" data-testid={`money-${k}`}>
                  <Statistic
                    title={`${t(`dashboard.money.${k}`)} · ${t('dashboard.today')}`}
                    value={formatMoney(figure.amount, money.currency, { locale: i18n.language })}
                    prefix={<WalletOutlined />}
                    suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('dashboard.transactions', { count: figure.count })}</Typography.Text>}
                  />
                </Card>
              </Col>
            )
          })}
        </Row>
      )}
      {payments && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {payments.refundsToday && (
            <Col flex="1 1 240px">
              <Card variant="borderless" className="cd-stat" data-testid="payments-refundsToday">
                <Statistic
                  title={`${t('dashboard.payments.refundsToday')} · ${t('dashboard.today')}`}
                  value={formatMoney(payments.refundsToday.amount, money?.currency, { locale: i18n.language })}
                  prefix={<RollbackOutlined />}
                  suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('dashboard.transactions', { count: payments.refundsToday.count })}</Typography.Text>}
                />
              </Card>
            </Col>
          )}
          {payments.refundsWaitingForReview !== undefined && (
            <Col flex="1 1 240px">
              <Card variant="borderless" className="cd-stat" data-testid="payments-refundsWaiting">
                {linked(
                  '/r/refunds?filters[0][field]=status&filters[0][operator]=in&filters[0][value][0]=REQUESTED',
                  refundsList,
                  <Statistic title={t('dashboard.payments.refundsWaiting')} value={payments.refundsWaitingForReview} prefix={<AuditOutlined />} />,
                )}
              </Card>
            </Col>
          )}
          {payments.paidOrdersWithoutRecharge !== undefined && (
            <Col flex="1 1 240px">
              <Card variant="borderless" className="cd-stat" data-testid="payments-orphans">
                {linked(
                  '/r/reconciliation-findings',
                  findingsList,
                  <Statistic
                    title={t('dashboard.payments.orphans')}
                    value={payments.paidOrdersWithoutRecharge}
                    prefix={<AlertOutlined />}
                    valueStyle={payments.paidOrdersWithoutRecharge > 0 ? { color: '#cf1322' } : undefined}
                  />,
                )}
              </Card>
            </Col>
          )}
        </Row>
      )}
      {(loading || trend) && (
        <Card variant="borderless" title={t('dashboard.trend')} style={{ marginTop: 16 }}>
          {loading ? (
            <Skeleton active paragraph={{ rows: 6 }} />
          ) : !trend || trend.length === 0 ? (
            <Empty description={t('dashboard.noData')} />
          ) : (
            <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
              <TrendChart data={trend} seriesName={t('dashboard.count')} />
            </Suspense>
          )}
        </Card>
      )}
    </div>
  )
}
