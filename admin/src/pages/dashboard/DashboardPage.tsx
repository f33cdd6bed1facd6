import { useState, type ReactNode } from 'react'
import { useCustom } from '@refinedev/core'
import { Alert, Card, Col, Row, Statistic, Typography } from 'antd'
import { AlertOutlined, AuditOutlined, RollbackOutlined, WalletOutlined } from '@ant-design/icons'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { API_URL } from '../../providers/http'
import { formatMoney } from '@creditdesk/contract/money'
import { useMetaState } from '../../meta/MetaContext'
import { canAccess } from '../../meta/permissions'
import type { DashboardCardId, DashboardCards } from '@creditdesk/contract/dashboard'
import { PeriodCards } from './PeriodCards'
import { TrendPanel } from './TrendPanel'

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
  /** The period cards (new users, recharges, tokens, cost, revenue, margin, sign-ins, active users). */
  cards?: DashboardCards
  /** Today's ledger movements by kind, amounts as decimal strings. */
  moneyToday?: { currency?: string; [kind: string]: MoneyFigure | string | undefined }
  /** Refunds and payment ↔ credit health. */
  payments?: { refundsToday?: MoneyFigure; refundsWaitingForReview?: number; paidOrdersWithoutRecharge?: number }
}

const MONEY_KINDS = ['recharged', 'codesRedeemed', 'vouchersGranted', 'usageCharged'] as const

/** Home: the period cards (click one for its trend), then today's money movements and payment health. */
export function DashboardPage() {
  const { t, i18n } = useTranslation()
  const { meta } = useMetaState()
  const { result, query } = useCustom<DashboardSummary>({ url: `${API_URL}/dashboard/summary`, method: 'get', errorNotification: false })
  const summary = query.isSuccess ? (result.data as DashboardSummary) : undefined
  const loading = query.isLoading

  const cards = summary?.cards
  const [chosen, setChosen] = useState<DashboardCardId>()
  // the trend shows the chosen card, or the first one the role sees
  const selected = chosen && cards?.cards.some((c) => c.id === chosen) ? chosen : cards?.cards[0]?.id
  const asOf = cards ? new Date(cards.as_of).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) : null
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
      <PeriodCards data={cards} loading={loading} selected={selected} onSelect={setChosen} />
      {cards && cards.cards.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="dashboard-periods-note">
          {t('dashboard.periodsNote', { zone: cards.zone, time: asOf })}
        </Typography.Paragraph>
      )}
      {selected && <TrendPanel card={selected} />}
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
    </div>
  )
}
