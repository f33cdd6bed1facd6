import { Suspense, lazy, useState } from 'react'
import { useCustom } from '@refinedev/core'
import { Alert, Card, Empty, Segmented, Skeleton, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import { DASHBOARD_CARDS, DASHBOARD_PERIODS, type DashboardCardId, type DashboardPeriod, type DashboardTrend } from '@creditdesk/contract/dashboard'
import { API_URL } from '../../providers/http'
import { cardText } from './format'

const TrendChart = lazy(() => import('./TrendChart'))
const KIND = new Map(DASHBOARD_CARDS.map((c) => [c.value, c.kind]))

/** "2026-11-27 14:00" → "14:00", "2026-11-27" → "11-27" (or 27日), "2026-11" → the month's name. */
function bucketLabel(bucket: string, granularity: DashboardTrend['granularity'], locale: string) {
  if (granularity === 'hour') return bucket.slice(11)
  const [year, month, day] = bucket.split('-').map(Number)
  const at = new Date(Date.UTC(year, month - 1, day || 1))
  return new Intl.DateTimeFormat(locale, granularity === 'day' ? { month: 'numeric', day: 'numeric', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' }).format(at)
}

/** The selected card's trend: hours of today, days of this week or month, months of this year. */
export function TrendPanel({ card }: { card: DashboardCardId }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const [period, setPeriod] = useState<DashboardPeriod>('month')
  const { result, query } = useCustom<DashboardTrend>({
    url: `${API_URL}/dashboard/trend`,
    method: 'get',
    config: { query: { card, period } },
    errorNotification: false,
  })
  const trend = query.isSuccess ? (result.data as DashboardTrend) : undefined
  const title = labelText(DASHBOARD_CARDS.find((c) => c.value === card)!.label, language)
  const kind = KIND.get(card)!
  const points = (trend?.points ?? []).map((p) => ({
    label: bucketLabel(p.bucket, trend!.granularity, language),
    value: Number(p.value), // the chart's scale only; the tooltip shows the exact text
    text: cardText(p.value, kind, trend!.currency, language).exact,
  }))
  const empty = points.every((p) => p.value === 0)
  return (
    <Card
      variant="borderless"
      style={{ marginTop: 16 }}
      data-testid="dashboard-trend"
      title={
        <span>
          {t('dashboard.trendOf', { card: title })}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
            {trend && t(`dashboard.by.${trend.granularity}`)}
          </Typography.Text>
        </span>
      }
      extra={
        <Segmented
          size="small"
          value={period}
          onChange={(value) => setPeriod(value as DashboardPeriod)}
          options={DASHBOARD_PERIODS.map((p) => ({ value: p.value, label: labelText(p.label, language) }))}
        />
      }
    >
      {query.isError ? (
        <Alert type="error" showIcon message={query.error?.message} />
      ) : !trend ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : empty ? (
        <Empty description={t('dashboard.noTrend')} />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
          <TrendChart data={points} seriesName={title ?? card} />
        </Suspense>
      )}
    </Card>
  )
}
