import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { UsageSummary } from '../../api/usage'
import { formatMoney } from '../Money'
import { ColumnChart, RowChart } from './BarChart'

/** The month's totals, charges by day and by model. */
export function UsageCharts({ summary, loading }: { summary: UsageSummary | null; loading: boolean }) {
  const { t, i18n } = useTranslation()
  if (!summary) {
    return (
      <Card variant="borderless" className="cd-card">
        <Skeleton active={loading} />
      </Card>
    )
  }
  const money = (v: string) => formatMoney(t, v, summary.currency)
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n)
  const empty = summary.totals.requests === 0
  const days = summary.days.map((d) => ({
    key: d.date,
    label: String(dayjs(d.date).date()),
    value: Number(d.charged),
    title: t('usage.dayBar', { date: dayjs(d.date).format('LL'), amount: money(d.charged), requests: number(d.requests) }),
  }))
  const models = summary.models.map((m) => ({
    key: m.model ?? 'unknown',
    label: m.name ?? m.model ?? t('usage.unknownModel'),
    value: Number(m.charged),
    title: t('usage.modelBar', { model: m.name ?? m.model ?? t('usage.unknownModel'), amount: money(m.charged), requests: number(m.requests) }),
  }))

  return (
    <>
      <Row gutter={[16, 16]} className="cd-balances">
        <Col xs={24} sm={8}>
          <Card variant="borderless" className="cd-card">
            <Statistic title={t('usage.totals.charged')} value={money(summary.totals.charged)} valueRender={(v) => <span data-testid="usage-total-charged">{v}</span>} />
          </Card>
        </Col>
        <Col xs={12} sm={8}>
          <Card variant="borderless" className="cd-card">
            <Statistic title={t('usage.totals.requests')} value={number(summary.totals.requests)} />
          </Card>
        </Col>
        <Col xs={12} sm={8}>
          <Card variant="borderless" className="cd-card">
            <Statistic title={t('usage.totals.tokens')} value={number(summary.totals.tokens)} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" className="cd-card" title={t('usage.byDay')}>
            {empty ? <Empty description={t('usage.noUsage')} /> : <ColumnChart bars={days} label={t('usage.chartByDay')} labelEvery={5} testId="usage-chart-days" />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('usage.zoneNote', { zone: summary.tz })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" className="cd-card" title={t('usage.byModel')}>
            {empty ? <Empty description={t('usage.noUsage')} /> : <RowChart bars={models} label={t('usage.chartByModel')} testId="usage-chart-models" />}
          </Card>
        </Col>
      </Row>
    </>
  )
}
