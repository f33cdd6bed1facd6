import { useState } from 'react'
import { useCustom } from '@refinedev/core'
import { keepPreviousData } from '@tanstack/react-query'
import { Alert, Card, DatePicker, Segmented, Select, Space, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '@creditdesk/contract/money'
import { USAGE_STATUSES } from '@creditdesk/contract/usage'
import { API_URL } from '../../providers/http'
import { useMetaState } from '../../meta/MetaContext'
import { pickLabel } from '../../meta/label'
import { Link } from 'react-router'
import { GROUP_BY, detailUrl, groupedQuery, type GroupBy, type GroupedUsage, type UsageFigures, type UsageGroup } from './usagePage'

type Row = UsageGroup & { rowKey: string }

const TOKEN_COLUMNS = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens'] as const
const MONEY_COLUMNS = ['charged', 'cost', 'margin', 'cache_savings'] as const

/** The last seven days, today included, in the operator's zone. */
const lastWeek = (): [Dayjs, Dayjs] => [dayjs().subtract(6, 'day').startOf('day'), dayjs().endOf('day')]

/**
 * Usage by model, channel, key or customer: requests, tokens, charge, cost, margin and cache
 * savings per group for a date range, with the totals of every matching row above the table
 * (the same totals as the consumption detail for the same filters).
 */
export function UsageGroupedPage() {
  const { t, i18n } = useTranslation()
  const { meta } = useMetaState()
  const currency = meta?.settings?.currency
  const [by, setBy] = useState<GroupBy>('model')
  const [range, setRange] = useState<[Dayjs, Dayjs]>(lastWeek)
  const [status, setStatus] = useState<string | undefined>()
  const [from, to] = [range[0].toISOString(), range[1].toISOString()]
  const { result, query } = useCustom<GroupedUsage>({
    url: `${API_URL}/usage/grouped`,
    method: 'get',
    config: { query: groupedQuery(by, from, to, status) },
    queryOptions: { placeholderData: keepPreviousData },
    errorNotification: false,
  })
  const data = query.isSuccess ? (result.data as GroupedUsage) : undefined
  const money = (value: string) => formatMoney(value, currency, { locale: i18n.language })
  const count = (value: string | number) => new Intl.NumberFormat(i18n.language).format(BigInt(value))

  const columns: ColumnsType<Row> = [
    {
      key: 'label',
      title: t(`usage.by.${by}`),
      render: (_, row) => {
        const text = row.label ?? (row.key === null ? t('usage.none') : `#${row.key}`)
        return row.key === null ? text : <Link to={detailUrl(by, row.key, from, to, status)}>{text}</Link>
      },
    },
    { key: 'requests', title: t('usage.requests'), align: 'right', render: (_, row) => count(row.requests) },
    ...TOKEN_COLUMNS.map((name) => ({ key: name, title: t(`usage.${name}`), align: 'right' as const, render: (_: unknown, row: Row) => count(row[name]) })),
    ...MONEY_COLUMNS.map((name) => ({ key: name, title: t(`usage.${name}`), align: 'right' as const, render: (_: unknown, row: Row) => money(row[name]) })),
  ]
  const totals = data?.totals
  const cells = (figures: UsageFigures) => [
    count(figures.requests),
    ...TOKEN_COLUMNS.map((name) => count(figures[name])),
    ...MONEY_COLUMNS.map((name) => money(figures[name])),
  ]

  return (
    <div className="cd-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('usage.title')}</Typography.Title>
      <Space wrap size="middle" style={{ marginBottom: 16 }}>
        <Segmented<GroupBy>
          value={by}
          onChange={setBy}
          options={GROUP_BY.map((value) => ({ value, label: t(`usage.by.${value}`) }))}
          data-testid="usage-by"
        />
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(value) => value?.[0] && value[1] && setRange([value[0].startOf('day'), value[1].endOf('day')])}
          aria-label={t('usage.range')}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('usage.anyStatus')}
          value={status}
          onChange={setStatus}
          options={USAGE_STATUSES.map((s) => ({ value: s.value, label: pickLabel(s.label, i18n.language) }))}
        />
      </Space>
      {query.isError && <Alert type="error" showIcon message={query.error?.message} style={{ marginBottom: 16 }} />}
      <Card variant="borderless">
        <Table<Row>
          size="middle"
          rowKey="rowKey"
          loading={query.isFetching}
          columns={columns}
          dataSource={(data?.groups ?? []).map((group) => ({ ...group, rowKey: String(group.key) }))}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() =>
            totals && (
              <Table.Summary fixed="top">
                <Table.Summary.Row data-testid="usage-totals">
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('usage.totals')}</Typography.Text>
                  </Table.Summary.Cell>
                  {cells(totals).map((text, i) => (
                    <Table.Summary.Cell key={i} index={i + 1} align="right">
                      <Typography.Text strong>{text}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )
          }
        />
        {data && data.groups.length >= 200 && <Typography.Text type="secondary">{t('usage.topGroups')}</Typography.Text>}
      </Card>
    </div>
  )
}
