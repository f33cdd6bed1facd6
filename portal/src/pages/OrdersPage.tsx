import { CreditCardOutlined, ReloadOutlined, ShoppingCartOutlined } from '@ant-design/icons'
import { Button, Card, Grid, Input, Table, Tooltip, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import * as api from '../api/portal'
import { ORDER_STATUSES, type Order } from '../api/types'
import { ListError, ListFilters, rangeToQuery, type DateRange } from '../components/ListFilters'
import { formatMoney, formatPrice } from '../components/Money'
import { FailureReason, OrderStatusTag, RefundInfo } from '../components/orders/OrderStatus'
import { PageHeader } from '../components/PageHeader'
import { orderPlanName } from '../components/plans/localized'
import { LIST_PAGE_SIZES, useServerList } from '../components/useServerList'
import { useDocumentTitle } from '../hooks'
import { isWebUrl } from '../lib/browser'
import { formatDateTime } from '../lib/format'
import { canContinuePayment, orderChannelLabel, orderStatusColor, orderStatusLabel } from '../lib/orders'

export const ORDER_PAGE_SIZES = LIST_PAGE_SIZES

/**
 * The customer's orders: server-side paging (`_start`/`_end`, total from X-Total-Count), status multi-select (repeated
 * `status=`), date range (`created_at_gte/lte` of whole local days) and an order-number search (`number_like`).
 */
export function OrdersPage() {
  const { t, i18n } = useTranslation()
  useDocumentTitle(t('orders.title'))
  const wide = !!Grid.useBreakpoint().md
  const [statuses, setStatuses] = useState<string[]>([])
  const [range, setRange] = useState<DateRange | null>(null)
  const [number, setNumber] = useState('')
  const [search, setSearch] = useState('')
  const list = useServerList<Order>((window) => api.listOrders({ ...window, statuses, number, ...rangeToQuery(range) }), [statuses, range, number])
  const { setPage } = list

  const filtered = statuses.length > 0 || range !== null || number !== ''

  const continueLink = (order: Order) =>
    canContinuePayment(order) && isWebUrl(order.checkout_url) ? (
      <Button type="link" size="small" icon={<CreditCardOutlined />} href={order.checkout_url!} className="cd-continue">
        {t('orders.continuePayment')}
      </Button>
    ) : null

  const statusCell = (order: Order) => (
    <div className="cd-order-status">
      <OrderStatusTag status={order.status} />
      <RefundInfo order={order} />
      {order.status === 'FAILED' && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          <FailureReason order={order} />
        </Typography.Text>
      )}
      {order.status === 'PAID' && !order.credited && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('orders.notCredited')}
        </Typography.Text>
      )}
      {order.status === 'PENDING' && order.expires_at && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('orders.expires', { date: formatDateTime(order.expires_at) })}
        </Typography.Text>
      )}
      {continueLink(order)}
    </div>
  )

  const columns: TableColumnsType<Order> = [
    {
      key: 'number',
      title: t('orders.number'),
      render: (_, order) => (
        <div className="cd-tx-details">
          <Typography.Text className="cd-mono">{order.number}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {[orderPlanName(order, i18n.language), orderChannelLabel(t, order.channel)].filter(Boolean).join(' · ')}
          </Typography.Text>
          {!wide && <Typography.Text type="secondary">{formatDateTime(order.created_at)}</Typography.Text>}
        </div>
      ),
    },
    {
      key: 'created_at',
      title: t('orders.date'),
      responsive: ['md'],
      render: (_, order) => formatDateTime(order.created_at),
    },
    {
      key: 'amount',
      title: t('orders.amount'),
      align: 'right',
      render: (_, order) => (
        <div className="cd-tx-details cd-align-right">
          <span className="cd-money" data-testid="order-amount">
            {formatPrice(order.amount, order.currency)}
          </span>
          {/* what the order added to the balance, in the ledger's unit */}
          <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="order-credits">
            {order.credited
              ? t('orders.creditsLine', { amount: formatMoney(t, order.credits, order.asset, '+') })
              : t('orders.creditsOnPayment', { amount: formatMoney(t, order.credits, order.asset) })}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'status',
      title: t('orders.status'),
      render: (_, order) => statusCell(order),
    },
  ]

  const statusOptions = ORDER_STATUSES.map((s) => ({ value: s, label: orderStatusLabel(t, s) }))

  return (
    <>
      <PageHeader
        title={t('orders.title')}
        description={t('orders.description')}
        extra={
          <Link to="/account/buy">
            <Button type="primary" icon={<ShoppingCartOutlined />}>
              {t('orders.buy')}
            </Button>
          </Link>
        }
      />
      <Card
        variant="borderless"
        className="cd-card"
        title={t('orders.historyTitle')}
        extra={
          <Tooltip title={t('orders.refresh')}>
            <Button type="text" icon={<ReloadOutlined />} aria-label={t('orders.refresh')} onClick={list.reload} loading={list.loading} />
          </Tooltip>
        }
      >
        <ListFilters
          label={t('orders.filters')}
          tags={{
            value: statuses,
            options: statusOptions,
            placeholder: t('orders.allStatuses'),
            label: t('orders.filterStatus'),
            color: orderStatusColor,
            onChange: (next) => {
              setStatuses(next)
              setPage(1)
            },
          }}
          range={range}
          rangeLabel={t('orders.dateRange')}
          onRangeChange={(next) => {
            setRange(next)
            setPage(1)
          }}
          filtered={filtered}
          clearText={t('orders.clear')}
          onClear={() => {
            setStatuses([])
            setRange(null)
            setSearch('')
            setNumber('')
            setPage(1)
          }}
        >
          <Input.Search
            allowClear
            value={search}
            placeholder={t('orders.searchPlaceholder')}
            aria-label={t('orders.search')}
            className="cd-filter-search"
            onChange={(e) => {
              setSearch(e.target.value)
              if (!e.target.value && number) {
                setNumber('')
                setPage(1)
              }
            }}
            onSearch={(value) => {
              setNumber(value.trim())
              setPage(1)
            }}
          />
        </ListFilters>
        <ListError error={list.error} onRetry={list.reload} />
        <Table<Order>
          rowKey={(o) => String(o.number ?? o.id)}
          columns={columns}
          dataSource={list.rows}
          loading={list.loading}
          size="middle"
          onChange={list.onTableChange}
          pagination={list.pagination((count, [from, to]) => t('orders.range', { from, to, count }), ORDER_PAGE_SIZES)}
          locale={{ emptyText: filtered ? t('orders.emptyFiltered') : t('orders.empty') }}
        />
      </Card>
    </>
  )
}
