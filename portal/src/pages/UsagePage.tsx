import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import { USAGE_STATUSES } from '@creditdesk/contract/usage'
import * as api from '../api/usage'
import type { ApiKey, PortalModel, UsageRow, UsageSummary } from '../api/usage'
import { UsageStatusTag, viewerZone } from '../components/keys/keyText'
import { ListError, ListFilters, rangeToQuery, type DateRange } from '../components/ListFilters'
import { formatMoney } from '../components/Money'
import { PageHeader } from '../components/PageHeader'
import { UsageCharts } from '../components/usage/UsageCharts'
import { LIST_PAGE_SIZES, useServerList } from '../components/useServerList'
import { useDocumentTitle } from '../hooks'
import { formatDateTime } from '../lib/format'
import { describeError } from '../lib/formErrors'

/**
 * The customer's usage: a month's charges by day (in the viewer's zone) and by model, and every
 * request with filters (status, model, key, dates, request id) and a CSV of exactly those rows.
 */
export function UsagePage() {
  const { t, i18n } = useTranslation()
  useDocumentTitle(t('usage.title'))
  const zone = viewerZone()
  const [month, setMonth] = useState<Dayjs>(dayjs().startOf('month'))
  const [summary, setSummary] = useState<UsageSummary | null>(null)
  const [summaryLoading, setSummaryLoading] = useState(true)
  const [summaryError, setSummaryError] = useState<string | null>(null)
  const [summaryKey, setSummaryKey] = useState(0)
  const [keys, setKeys] = useState<ApiKey[]>([])
  const [models, setModels] = useState<PortalModel[]>([])

  const [statuses, setStatuses] = useState<string[]>([])
  const [modelFilter, setModelFilter] = useState<string[]>([])
  const [keyFilter, setKeyFilter] = useState<number | null>(null)
  const [range, setRange] = useState<DateRange | null>(null)
  const [search, setSearch] = useState('')
  const [requestId, setRequestId] = useState('')
  const filters = { statuses, models: modelFilter, apiKeyId: keyFilter, requestId, ...rangeToQuery(range) }
  const list = useServerList<UsageRow>((window) => api.listUsage({ ...window, ...filters }), [statuses, modelFilter, keyFilter, range, requestId])
  const { setPage } = list
  const filtered = statuses.length > 0 || modelFilter.length > 0 || keyFilter !== null || range !== null || requestId !== ''

  useEffect(() => {
    api.listKeys().then(setKeys, () => setKeys([]))
    api.listModels().then(setModels, () => setModels([]))
  }, [])

  useEffect(() => {
    let current = true
    setSummaryLoading(true)
    setSummaryError(null)
    api
      .fetchUsageSummary({ from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD'), tz: zone })
      .then((s) => current && setSummary(s))
      .catch((err: unknown) => current && setSummaryError(describeError(err, t)))
      .finally(() => current && setSummaryLoading(false))
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `t` changes with the language only
  }, [month, zone, summaryKey])

  const money = (v: string) => formatMoney(t, v, summary?.currency ?? null)
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n)
  const reset = (apply: () => void) => {
    apply()
    setPage(1)
  }

  const columns: TableColumnsType<UsageRow> = [
    { key: 'time', title: t('usage.requests.time'), render: (_, r) => formatDateTime(r.started_at) },
    {
      key: 'key',
      title: t('usage.requests.key'),
      responsive: ['md'],
      render: (_, r) =>
        r.api_key_id ? (
          <Tooltip title={r.key_name}>
            <Typography.Text className="cd-mono">{api.keyPrefixText(r.key_prefix)}</Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('usage.requests.noKey')}</Typography.Text>
        ),
    },
    { key: 'model', title: t('usage.requests.model'), render: (_, r) => <Tooltip title={r.model_name}>{r.model ?? '—'}</Tooltip> },
    { key: 'in', title: t('usage.requests.tokensIn'), align: 'right', responsive: ['lg'], render: (_, r) => number(r.input_tokens) },
    { key: 'out', title: t('usage.requests.tokensOut'), align: 'right', responsive: ['lg'], render: (_, r) => number(r.output_tokens) },
    { key: 'cached', title: t('usage.requests.cached'), align: 'right', responsive: ['lg'], render: (_, r) => number(r.cache_read_tokens + r.cache_write_tokens) },
    {
      key: 'charged',
      title: t('usage.requests.charged'),
      align: 'right',
      render: (_, r) => (
        <span className="cd-money" data-testid="usage-charged">
          {money(r.charged)}
        </span>
      ),
    },
    { key: 'status', title: t('usage.requests.status'), render: (_, r) => <UsageStatusTag status={r.status} /> },
    {
      key: 'latency',
      title: t('usage.requests.latency'),
      align: 'right',
      responsive: ['lg'],
      render: (_, r) => (r.latency_ms === null ? '—' : t('usage.requests.latencyMs', { ms: number(r.latency_ms) })),
    },
    {
      key: 'request_id',
      title: t('usage.requests.requestId'),
      responsive: ['lg'],
      render: (_, r) => (
        <Typography.Text className="cd-mono" copyable={{ text: r.request_id }} style={{ fontSize: 12 }}>
          {r.request_id.length > 18 ? `${r.request_id.slice(0, 17)}…` : r.request_id}
        </Typography.Text>
      ),
    },
  ]

  const statusOptions = USAGE_STATUSES.map((s) => ({ value: s.value, label: labelText(s.label, i18n.language) ?? s.value }))

  return (
    <>
      <PageHeader
        title={t('usage.title')}
        description={t('usage.description')}
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear={false}
              value={month}
              aria-label={t('usage.month')}
              disabledDate={(d) => d.isAfter(dayjs().endOf('month'))}
              onChange={(d) => d && setMonth(d.startOf('month'))}
            />
            <Tooltip title={t('usage.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                aria-label={t('usage.refresh')}
                loading={summaryLoading}
                onClick={() => {
                  setSummaryKey((k) => k + 1)
                  list.reload()
                }}
              />
            </Tooltip>
          </Space>
        }
      />
      {summaryError && <Alert type="error" showIcon className="cd-form-alert" message={t('usage.loadFailed')} description={summaryError} />}
      <UsageCharts summary={summary} loading={summaryLoading} />
      <Card
        variant="borderless"
        className="cd-card"
        style={{ marginTop: 16 }}
        title={t('usage.requests.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={api.usageExportUrl(filters, i18n.language, zone)} download>
            {t('usage.requests.export')}
          </Button>
        }
      >
        <ListFilters
          label={t('usage.requests.filters')}
          tags={{
            value: statuses,
            options: statusOptions,
            placeholder: t('usage.requests.allStatuses'),
            label: t('usage.requests.filterStatus'),
            color: (v) => USAGE_STATUSES.find((s) => s.value === v)?.color,
            onChange: (next) => reset(() => setStatuses(next)),
          }}
          range={range}
          rangeLabel={t('usage.requests.dateRange')}
          onRangeChange={(next) => reset(() => setRange(next))}
          filtered={filtered}
          clearText={t('usage.requests.clear')}
          onClear={() =>
            reset(() => {
              setStatuses([])
              setModelFilter([])
              setKeyFilter(null)
              setRange(null)
              setSearch('')
              setRequestId('')
            })
          }
        >
          <Select<string[]>
            mode="multiple"
            allowClear
            virtual={false}
            value={modelFilter}
            placeholder={t('usage.requests.allModels')}
            aria-label={t('usage.requests.filterModel')}
            maxTagCount="responsive"
            style={{ minWidth: 180 }}
            options={models.map((m) => ({ value: m.code, label: m.name }))}
            onChange={(next) => reset(() => setModelFilter(next))}
          />
          <Select<number | null>
            allowClear
            virtual={false}
            value={keyFilter}
            placeholder={t('usage.requests.allKeys')}
            aria-label={t('usage.requests.filterKey')}
            style={{ minWidth: 180 }}
            options={keys.map((k) => ({ value: k.id, label: `${k.name} · ${api.keyPrefixText(k.prefix)}` }))}
            onChange={(next) => reset(() => setKeyFilter(next ?? null))}
          />
          <Input.Search
            allowClear
            value={search}
            placeholder={t('usage.requests.searchPlaceholder')}
            aria-label={t('usage.requests.search')}
            className="cd-filter-search"
            onChange={(e) => {
              setSearch(e.target.value)
              if (!e.target.value && requestId) reset(() => setRequestId(''))
            }}
            onSearch={(value) => reset(() => setRequestId(value.trim()))}
          />
        </ListFilters>
        <ListError error={list.error} onRetry={list.reload} />
        <Table<UsageRow>
          rowKey="id"
          columns={columns}
          dataSource={list.rows}
          loading={list.loading}
          size="middle"
          onChange={list.onTableChange}
          pagination={list.pagination((count, [from, to]) => t('usage.requests.range', { from, to, count }), LIST_PAGE_SIZES)}
          locale={{ emptyText: filtered ? t('usage.requests.emptyFiltered') : t('usage.requests.empty') }}
        />
      </Card>
    </>
  )
}
