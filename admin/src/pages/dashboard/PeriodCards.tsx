import type { ReactNode } from 'react'
import { Card, Col, Row, Skeleton, Tooltip, Typography } from 'antd'
import {
  DollarOutlined,
  FireOutlined,
  FundOutlined,
  LoginOutlined,
  RiseOutlined,
  TeamOutlined,
  UserAddOutlined,
  WalletOutlined,
} from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import { DASHBOARD_CARDS, DASHBOARD_PERIODS, type DashboardCardId, type DashboardCards } from '@creditdesk/contract/dashboard'
import { cardText, marginRate } from './format'

const ICONS: Record<DashboardCardId, ReactNode> = {
  new_users: <UserAddOutlined />,
  recharged: <WalletOutlined />,
  tokens: <FireOutlined />,
  cost: <FundOutlined />,
  revenue: <DollarOutlined />,
  margin: <RiseOutlined />,
  staff_logins: <LoginOutlined />,
  active_users: <TeamOutlined />,
}
const META = new Map(DASHBOARD_CARDS.map((c) => [c.value, c]))

/**
 * One card per figure the role may see: today large, this week, month and year beneath, so the
 * four periods read at once. Clicking a card (or Enter on it) selects it for the trend below.
 */
export function PeriodCards({ data, loading, selected, onSelect }: { data?: DashboardCards; loading: boolean; selected?: DashboardCardId; onSelect: (card: DashboardCardId) => void }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  if (loading) {
    return (
      <Row gutter={[16, 16]}>
        {Array.from({ length: 4 }, (_, i) => (
          <Col key={i} xs={24} sm={12} xl={6}>
            <Card variant="borderless" className="cd-period-card"><Skeleton active paragraph={{ rows: 2 }} /></Card>
          </Col>
        ))}
      </Row>
    )
  }
  if (!data?.cards.length) return null
  const values = new Map(data.cards.map((c) => [c.id, c.values]))
  const [today, ...rest] = DASHBOARD_PERIODS
  return (
    <Row gutter={[16, 16]}>
      {data.cards.map((card) => {
        const meta = META.get(card.id)!
        const title = labelText(meta.label, language) ?? card.id
        const shown = (period: (typeof DASHBOARD_PERIODS)[number]['value']) => cardText(card.values[period], card.kind, data.currency, language)
        const revenue = values.get('revenue')
        const rate = card.id === 'margin' && revenue ? marginRate(card.values.today, revenue.today, language) : null
        const main = shown(today.value)
        const active = selected === card.id
        return (
          <Col key={card.id} xs={24} sm={12} xl={6}>
            <Card
              variant="borderless"
              hoverable
              role="button"
              tabIndex={0}
              aria-pressed={active}
              className={`cd-period-card${active ? ' cd-period-card-active' : ''}`}
              data-testid={`card-${card.id}`}
              onClick={() => onSelect(card.id)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(card.id)}
            >
              <div className="cd-period-card-head">
                <span className="cd-period-card-icon">{ICONS[card.id]}</span>
                <Tooltip title={labelText(meta.hint, language)}>
                  <Typography.Text type="secondary">{title}</Typography.Text>
                </Tooltip>
              </div>
              <div className="cd-period-card-main" data-testid={`card-${card.id}-today`}>
                <Tooltip title={main.exact !== main.text ? main.exact : undefined}>
                  <span className="cd-period-card-value">{main.text}</span>
                </Tooltip>
                <Typography.Text type="secondary" className="cd-period-card-label">
                  {labelText(today.label, language)}
                  {rate && ` · ${t('dashboard.marginRate', { rate })}`}
                </Typography.Text>
              </div>
              <div className="cd-period-card-periods">
                {rest.map((period) => {
                  const value = shown(period.value)
                  return (
                    <div key={period.value} data-testid={`card-${card.id}-${period.value}`}>
                      <Typography.Text type="secondary" className="cd-period-card-label">{labelText(period.label, language)}</Typography.Text>
                      <Tooltip title={value.exact !== value.text ? value.exact : undefined}>
                        <div className="cd-period-card-small">{value.text}</div>
                      </Tooltip>
                    </div>
                  )
                })}
              </div>
            </Card>
          </Col>
        )
      })}
    </Row>
  )
}
