import { useList, type BaseKey, type BaseRecord, type LogicalFilter } from '@refinedev/core'
import { Card, Col, Row, Space, Statistic, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import { formatMoney, isZero } from '@creditdesk/contract/money'
import { PAYABLE_BILL_STATUSES } from '@creditdesk/contract/bills'
import type { ResourceMeta } from '../../../meta/types'
import { useAdminMeta, useResourceMeta } from '../../../meta/MetaContext'
import { canDo } from '../../../meta/permissions'
import { formatPeriod, outstandingOf, sumOutstanding } from '../../bills/billFormat'
import { PanelTable } from '../../../engine/show/PanelTable'
import { eqFilter, fieldOf, ORG_FIELD, ORG_RESOURCES } from './orgResources'

const LATEST = 6
/** Open bills summed for the outstanding figure; an organization has one bill per period. */
const OPEN_LIMIT = 100

/** Bills still awaiting money, when the status filter is declared. */
function openFilters(bills: ResourceMeta, orgId: unknown): LogicalFilter[] | null {
  const status = fieldOf(bills, 'status')?.filter ?? []
  if (!status.includes('in') && !status.includes('eq')) return null
  return [...eqFilter(bills, ORG_FIELD, orgId), { field: 'status', operator: 'in', value: [...PAYABLE_BILL_STATUSES] }]
}

/** What the organization owes (open bills, of which overdue) and its latest bills, each opening the bill page. */
export function OrgBills({ org }: { org: BaseRecord }) {
  const { t, i18n } = useTranslation()
  const meta = useAdminMeta()
  const bills = useResourceMeta(ORG_RESOURCES.bills)
  const allowed = canDo(bills, 'list')
  const open = bills ? openFilters(bills, org.id) : null
  const { result, query } = useList({
    resource: ORG_RESOURCES.bills,
    filters: open ?? [],
    pagination: { pageSize: OPEN_LIMIT },
    queryOptions: { enabled: allowed && !!open },
    errorNotification: false,
  })
  if (!bills || !allowed) return null
  const currency = fieldOf(bills, 'amount_due')?.currency ?? meta.settings?.currency
  const money = (v: string) => formatMoney(v, currency, { locale: i18n.language })
  const openBills = result.data ?? []
  const now = dayjs()
  const overdue = openBills.filter((b) => b.due_at && dayjs(String(b.due_at)).isBefore(now))
  const owed = sumOutstanding(openBills)

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {open && (
        <Row gutter={[16, 16]} role="group" aria-label={t('org.bills.summary')}>
          <Col xs={24} md={8}>
            <Card size="small" className="cd-stat" data-figure="outstanding">
              <Statistic
                loading={query.isLoading}
                title={t('org.bills.outstanding')}
                value={money(owed)}
                valueStyle={{ fontVariantNumeric: 'tabular-nums', color: isZero(owed) ? undefined : '#cf1322' }}
              />
            </Card>
          </Col>
          <Col xs={12} md={8}>
            <Card size="small" className="cd-stat" data-figure="open">
              <Statistic loading={query.isLoading} title={t('org.bills.open')} value={openBills.length} />
            </Card>
          </Col>
          <Col xs={12} md={8}>
            <Card size="small" className="cd-stat" data-figure="overdue">
              <Statistic
                loading={query.isLoading}
                title={t('org.bills.overdue')}
                value={overdue.length}
                suffix={overdue.length ? <Typography.Text type="danger" style={{ fontSize: 14 }}>{money(sumOutstanding(overdue))}</Typography.Text> : undefined}
                valueStyle={{ color: overdue.length ? '#cf1322' : undefined }}
              />
            </Card>
          </Col>
        </Row>
      )}
      <PanelTable
        resource={bills}
        filters={eqFilter(bills, ORG_FIELD, org.id)}
        sorters={[{ field: fieldOf(bills, 'period_start')?.sortable ? 'period_start' : 'id', order: 'desc' }]}
        pageSize={LATEST}
        columns={['number', 'period_start', 'status', 'total', 'outstanding', 'due_at', 'invoice_status']}
        render={{
          period_start: { title: t('bill.period'), cell: (r) => <span style={{ whiteSpace: 'nowrap' }}>{formatPeriod(r.period_start, r.period_end, i18n.language)}</span> },
          ...(fieldOf(bills, 'outstanding')
            ? {}
            : { outstanding: { title: t('bill.totals.outstanding'), cell: (r: BaseRecord) => <span style={{ whiteSpace: 'nowrap' }}>{money(outstandingOf(r))}</span> } }),
        }}
        empty={t('org.bills.empty')}
        listFilter={{ field: ORG_FIELD, value: org.id as BaseKey }}
      />
    </Space>
  )
}
