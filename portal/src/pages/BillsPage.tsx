import { ReloadOutlined } from '@ant-design/icons'
import { Button, Card, Select, Table, Tooltip, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { BILL_STATUSES } from '@creditdesk/contract/bills'
import { labelText } from '@creditdesk/contract/i18n'
import { listBills, type BillRow } from '../api/bills'
import { EnumTag } from '../components/EnumTag'
import { ListError } from '../components/ListFilters'
import { Money } from '../components/Money'
import { NoAccess } from '../components/NoAccess'
import { PageHeader } from '../components/PageHeader'
import { LIST_PAGE_SIZES, useServerList } from '../components/useServerList'
import { useDocumentTitle } from '../hooks'
import { formatPeriod, isPositive } from '../lib/billing'
import { formatDate } from '../lib/format'

/** The account's bills, newest period first: what each came to, what is left to pay and by when. */
export function BillsPage() {
  const { t, i18n } = useTranslation()
  useDocumentTitle(t('bills.title'))
  const [status, setStatus] = useState<string | null>(null)
  const list = useServerList<BillRow>((window) => listBills({ ...window, status }), [status])
  if (list.errorStatus === 403) return <NoAccess />

  const overdue = (b: BillRow) => b.overdue ?? (!!b.due_at && isPositive(b.outstanding) && dayjs(b.due_at).isBefore(dayjs()))
  const columns: TableColumnsType<BillRow> = [
    {
      key: 'number',
      title: t('bills.fields.number'),
      render: (_, b) => (
        <Link to={`/account/bills/${b.id}`} className="cd-mono">
          {b.number}
        </Link>
      ),
    },
    { key: 'period', title: t('bills.fields.period'), render: (_, b) => formatPeriod({ start: b.period_start, end: b.period_end }, i18n.language) },
    { key: 'total', title: t('bills.fields.total'), align: 'right', render: (_, b) => <Money value={b.total} asset={b.currency} /> },
    { key: 'due', title: t('bills.fields.amountDue'), align: 'right', responsive: ['md'], render: (_, b) => <Money value={b.amount_due} asset={b.currency} /> },
    {
      key: 'outstanding',
      title: t('bills.fields.outstanding'),
      align: 'right',
      render: (_, b) => <Money value={b.outstanding} asset={b.currency} testId="bill-row-outstanding" />,
    },
    { key: 'status', title: t('bills.fields.status'), render: (_, b) => <EnumTag options={BILL_STATUSES} value={b.status} testId="bill-row-status" /> },
    {
      key: 'due_at',
      title: t('bills.fields.due'),
      render: (_, b) =>
        overdue(b) ? (
          <Tooltip title={t('bills.overdue')}>
            <Typography.Text type="danger">{formatDate(b.due_at)}</Typography.Text>
          </Tooltip>
        ) : (
          formatDate(b.due_at)
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('bills.title')}
        description={t('bills.description')}
        extra={
          <Tooltip title={t('bills.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('bills.refresh')} loading={list.loading} onClick={list.reload} />
          </Tooltip>
        }
      />
      <Card variant="borderless" className="cd-card">
        <Select<string | null>
          allowClear
          virtual={false}
          value={status}
          placeholder={t('bills.allStatuses')}
          aria-label={t('bills.filterStatus')}
          style={{ minWidth: 240, marginBottom: 16 }}
          options={BILL_STATUSES.map((s) => ({ value: s.value, label: labelText(s.label, i18n.language) ?? s.value }))}
          onChange={(next) => {
            setStatus(next ?? null)
            list.setPage(1)
          }}
        />
        <ListError error={list.error} onRetry={list.reload} />
        <Table<BillRow>
          rowKey="id"
          columns={columns}
          dataSource={list.rows}
          loading={list.loading}
          size="middle"
          onChange={list.onTableChange}
          pagination={list.pagination((count, [from, to]) => t('bills.range', { from, to, count }), LIST_PAGE_SIZES)}
          locale={{ emptyText: status ? t('bills.emptyFiltered') : t('bills.empty') }}
        />
      </Card>
    </>
  )
}
