import { Suspense, lazy, type ReactNode } from 'react'
import { useCustom } from '@refinedev/core'
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd'
import { AlertOutlined, AuditOutlined, LoginOutlined, RollbackOutlined, UserAddOutlined, WalletOutlined } from '@ant-design/icons'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { API_URL } from '../../providers/http'
import { formatMoney } from '../../engine/fields/format'
import type { TrendPoint } from './TrendChart'

const TrendChart = lazy(() => import('./TrendChart'))

interface MoneyFigure {
  count: number
  amount: string
}

export interface DashboardSummary {
  staffLoginsToday: number
  newCustomers: { today: number; week: number; month: number; year: number }
  trend: TrendPoint[]
  /** Optional (beyond the contract): today's ledger movements by kind, amounts as decimal strings. */
  moneyToday?: { currency?: string; [kind: string]: MoneyFigure | string | undefined }
  /** Optional: refunds and payment ↔ credit health. */
  payments?: { refundsToday: MoneyFigure; refundsWaitingForReview: number; paidOrdersWithoutRecharge: number }
}

const MONEY_KINDS = ['recharged', 'codesRedeemed', 'vouchersGranted', 'usageCharged'] as const

/** Home: today's staff sign-ins, new customers per period, 30-day trend. */
export function DashboardPage() {
  const { t, i18n } = useTranslation()
  const { result, query } = useCustom<DashboardSummary>({ url: `${API_URL}/dashboard/summary`, method: 'get', errorNotification: false })
  const summary = query.isSuccess ? (result.data as DashboardSummary) : undefined
  const loading = query.isLoading

  const cards: { key: string; title: string; value?: number; icon: ReactNode }[] = [
    { key: 'logins', title: t('dashboard.staffLoginsToday'), value: summary?.staffLoginsToday, icon: <LoginOutlined /> },
    { key: 'today', title: `${t('dashboard.newCustomers')} · ${t('dashboard.today')}`, value: summary?.newCustomers?.today, icon: <UserAddOutlined /> },
    { key: 'week', title: `${t('dashboard.newCustomers')} · ${t('dashboard.week')}`, value: summary?.newCustomers?.week, icon: <UserAddOutlined /> },
    { key: 'month', title: `${t('dashboard.newCustomers')} · ${t('dashboard.month')}`, value: summary?.newCustomers?.month, icon: <UserAddOutlined /> },
    { key: 'year', title: `${t('dashboard.newCustomers')} · ${t('dashboard.year')}`, value: summary?.newCustomers?.year, icon: <UserAddOutlined /> },
  ]
  const trend = summary?.trend ?? []
  const money = summary?.moneyToday
  const payments = summary?.payments

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
                    value={formatMoney(figure.amount, money.currency, i18n.language)}
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
          <Col flex="1 1 240px">
            <Card variant="borderless" className="cd-stat" data-testid="payments-refundsToday">
              <Statistic
                title={`${t('dashboard.payments.refundsToday')} · ${t('dashboard.today')}`}
                value={formatMoney(payments.refundsToday.amount, money?.currency, i18n.language)}
                prefix={<RollbackOutlined />}
                suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('dashboard.transactions', { count: payments.refundsToday.count })}</Typography.Text>}
              />
            </Card>
          </Col>
          <Col flex="1 1 240px">
            <Card variant="borderless" className="cd-stat" data-testid="payments-refundsWaiting">
              <Link to="/r/refunds?filters[0][field]=status&filters[0][operator]=in&filters[0][value][0]=REQUESTED">
                <Statistic title={t('dashboard.payments.refundsWaiting')} value={payments.refundsWaitingForReview} prefix={<AuditOutlined />} />
              </Link>
            </Card>
          </Col>
          <Col flex="1 1 240px">
            <Card variant="borderless" className="cd-stat" data-testid="payments-orphans">
              <Link to="/r/reconciliation-findings">
                <Statistic
                  title={t('dashboard.payments.orphans')}
                  value={payments.paidOrdersWithoutRecharge}
                  prefix={<AlertOutlined />}
                  valueStyle={payments.paidOrdersWithoutRecharge > 0 ? { color: '#cf1322' } : undefined}
                />
              </Link>
            </Card>
          </Col>
        </Row>
      )}
      <Card variant="borderless" title={t('dashboard.trend')} style={{ marginTop: 16 }}>
        {loading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : trend.length === 0 ? (
          <Empty description={t('dashboard.noData')} />
        ) : (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
            <TrendChart data={trend} seriesName={t('dashboard.count')} />
          </Suspense>
        )}
      </Card>
    </div>
  )
}
