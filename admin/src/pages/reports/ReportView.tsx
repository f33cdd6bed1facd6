import { Suspense, lazy, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { useCustom } from '@refinedev/core'
import { keepPreviousData } from '@tanstack/react-query'
import { Alert, Button, Card, DatePicker, Empty, Segmented, Select, Skeleton, Space, Table, Tooltip, Typography } from 'antd'
import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { REPORT_GRANULARITIES, type ReportDescriptor, type ReportGranularity, type ReportResult } from '@creditdesk/contract/reports'
import { useMetaState } from '../../meta/MetaContext'
import { pickLabel } from '../../meta/label'
import { PRESETS, browserZone, choicesFrom, csvUrl, presetRange, reportParams, reportUrl, zoneChoices, type Range } from './reportQuery'
import { chartNumber, formatCell, formatPeriod, isNumeric, type CellContext } from './formatCell'
import { ReportExports } from './ReportExports'
import type { ChartPoint } from './ReportChart'

const ReportChart = lazy(() => import('./ReportChart'))

type Row = Record<string, string | number | null> & { __key: string }

/**
 * One report: the reader picks granularity, dates and zone; the figures come back with their
 * columns typed, drawn as the report's chart and listed in a table with the totals row, and the
 * same figures download as CSV or export in the background.
 */
export function ReportView({ descriptor, canExport, titleOf }: { descriptor: ReportDescriptor; canExport: boolean; titleOf: (id: string) => string }) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language
  const { meta } = useMetaState()
  const [search, setSearch] = useSearchParams()
  const { range, granularity, zone } = choicesFrom(search)
  const params = reportParams(range, granularity, zone)
  const choose = (change: Partial<{ range: Range; granularity: ReportGranularity; zone: string }>) => {
    const next = reportParams(change.range ?? range, change.granularity ?? granularity, change.zone ?? zone)
    setSearch(new URLSearchParams({ ...next }), { replace: true })
  }
  const setGranularity = (value: ReportGranularity) => choose({ granularity: value })
  const setRange = (value: Range) => choose({ range: value })
  const setZone = (value: string) => choose({ zone: value })
  const zones = useMemo(() => zoneChoices(browserZone()), [])

  const { result, query } = useCustom<ReportResult>({
    url: reportUrl(descriptor.id),
    method: 'get',
    config: { query: params },
    queryOptions: { placeholderData: keepPreviousData },
    errorNotification: false,
  })
  const data = query.isSuccess ? (result.data as ReportResult) : undefined
  const ctx: CellContext = { locale, currency: data?.currency ?? meta?.settings?.currency ?? 'USD', granularity: data?.granularity ?? granularity, t }
  const columnsByKey = new Map((data?.columns ?? []).map((c) => [c.key, c]))
  const labelOf = (key: string) => pickLabel(columnsByKey.get(key)?.label, locale, key)

  const points: ChartPoint[] = useMemo(() => {
    if (!data) return []
    const x = data.columns.find((c) => c.key === data.chart.x)
    return data.rows.flatMap((row) =>
      data.chart.series.flatMap((key) => {
        const value = chartNumber(row[key])
        if (value === null) return []
        // the axis names periods by their date alone, the table says "week of"
        const label = !x ? String(row[data.chart.x]) : x.type === 'period' ? formatPeriod(String(row[x.key]), ctx.granularity, locale) : formatCell(row[x.key], x.type, ctx)
        return [{ x: label, series: labelOf(key), value }]
      }),
    )
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, locale])
  const seriesType = new Map((data?.chart.series ?? []).map((key) => [labelOf(key), columnsByKey.get(key)?.type ?? 'count']))
  const formatPoint = (series: string, value: number) => formatCell(String(value), seriesType.get(series) ?? 'count', ctx)

  const title = pickLabel(descriptor.title, locale, descriptor.id)
  const how = pickLabel(descriptor.how, locale)
  const columns = (data?.columns ?? []).map((column) => ({
    key: column.key,
    dataIndex: column.key,
    title: pickLabel(column.label, locale, column.key),
    align: isNumeric(column.type) ? ('right' as const) : undefined,
    render: (value: string | number | null) => formatCell(value, column.type, ctx),
  }))
  const totals = data?.totals

  return (
    <div data-testid="report-view">
      <Space align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
        {how && (
          <Tooltip title={how} placement="bottomLeft">
            <InfoCircleOutlined aria-label={t('reports.how')} style={{ color: 'rgba(0,0,0,0.45)' }} />
          </Tooltip>
        )}
      </Space>
      <Space wrap size="middle" style={{ marginBottom: 16, display: 'flex' }}>
        {descriptor.shape === 'trend' && (
          <Segmented<ReportGranularity>
            value={granularity}
            onChange={setGranularity}
            options={REPORT_GRANULARITIES.map((g) => ({ value: g.value, label: pickLabel(g.label, locale) }))}
            data-testid="report-granularity"
          />
        )}
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          presets={PRESETS.map((preset) => ({ label: t(`reports.presets.${preset}`), value: presetRange(preset) }))}
          onChange={(value) => value?.[0] && value[1] && setRange([value[0].startOf('day'), value[1].startOf('day')])}
          aria-label={t('reports.range')}
        />
        <Select
          showSearch
          style={{ minWidth: 200 }}
          value={zone}
          onChange={setZone}
          options={zones.map((z) => ({ value: z, label: z }))}
          aria-label={t('reports.zone')}
          data-testid="report-zone"
        />
        {canExport && (
          <Button icon={<DownloadOutlined />} href={csvUrl(descriptor.id, params, locale)} data-testid="report-csv">
            {t('reports.csv')}
          </Button>
        )}
      </Space>
      {query.isError && <Alert type="error" showIcon message={query.error?.message} style={{ marginBottom: 16 }} />}
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        {data && points.length === 0 ? (
          <Empty description={t('reports.noData')} />
        ) : data ? (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
            <div data-testid="report-chart">
              <ReportChart spec={data.chart} points={points} format={formatPoint} />
            </div>
          </Suspense>
        ) : (
          <Skeleton active paragraph={{ rows: 6 }} />
        )}
      </Card>
      <Card variant="borderless">
        <Table<Row>
          size="middle"
          rowKey="__key"
          loading={query.isFetching}
          columns={columns}
          dataSource={(data?.rows ?? []).map((row, i) => ({ ...row, __key: String(i) }))}
          pagination={(data?.rows.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          data-testid="report-table"
          summary={() =>
            totals && data && (
              <Table.Summary fixed="top">
                <Table.Summary.Row data-testid="report-totals">
                  {data.columns.map((column, i) => (
                    <Table.Summary.Cell key={column.key} index={i} align={isNumeric(column.type) ? 'right' : undefined}>
                      <Typography.Text strong>
                        {i === 0 && (totals[column.key] === null || totals[column.key] === undefined) ? t('reports.totals') : totals[column.key] === undefined ? '' : formatCell(totals[column.key], column.type, ctx)}
                      </Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )
          }
        />
      </Card>
      <ReportExports report={descriptor.id} params={params} titleOf={titleOf} canExport={canExport} />
    </div>
  )
}
