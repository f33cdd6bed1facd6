import { CreditCardOutlined, ReloadOutlined, ShoppingCartOutlined } from '@ant-design/icons'
import { Alert, Button, Card, DatePicker, Grid, Input, Select, Table, Tag, Tooltip, Typography, type TableColumnsType, type TableProps } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import * as api from '../api/portal'
import { ORDER_STATUSES, type Order } from '../api/types'
import { formatMoney } from '../components/Money'
import { OrderStatusTag, RefundInfo } from '../components/orders/OrderStatus'
import { PageHeader } from '../components/PageHeader'
import { rangeToQuery } from '../components/wallet/TransactionHistory'
import { useDocumentTitle } from '../hooks'
import { isWebUrl } from '../lib/browser'
import { describeError } from '../lib/formErrors'
import { formatDateTime } from '../lib/format'
import { formatCurrency } from '../lib/money'
import { canContinuePayment, orderChannelLabel, orderStatusColor, orderStatusLabel } from '../lib/orders'

export const ORDER_PAGE_SIZES = [10, 20, 50, 100]
const DEFAULT_PAGE_SIZE = 20

type Range = [Dayjs, Dayjs]

/**
 * The customer's orders: server-side paging (`_start`/`_end`, total from X-Total-Count), status multi-select (repeated
 * `status=`), date range (`created_at_gte/lte` of whole local days) and an order-number search (`number_like`).
 */
export function OrdersPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('orders.title'))
  const wide = !!Grid.useBreakpoint().md
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE)
  const [statuses, setStatuses] = useState<string[]>([])
  const [range, setRange] = useState<Range | null>(null)
  const [number, setNumber] = useState('')
  const [search, setSearch] = useState('')
  const [rows, setRows] = useState<Order[]>([])
  const [total, setTotal] = useState(0)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const latest = useRef(0)

  useEffect(() => {
    const id = ++latest.current
    setLoading(true)
    setError(null)
    api
      .listOrders({ start: (page - 1) * pageSize, end: page * pageSize, statuses, number, ...rangeToQuery(range) })
      .then((result) => {
        if (id !== latest.current) return
        if (result.rows.length === 0 && page > 1 && result.total > 0) {
          setPage(Math.max(1, Math.ceil(result.total / pageSize)))
          return
        }
        setRows(result.rows)
        setTotal(result.total)
      })
      .catch((err: unknown) => {
        if (id === latest.current) setError(describeError(err, t))
      })
      .finally(() => {
        if (id === latest.current) setLoading(false)
      })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `t` changes with the language; no refetch for that
  }, [page, pageSize, statuses, range, number, reloadKey])

  const filtered = statuses.length > 0 || range !== null || number !== ''

  const onTableChange: TableProps<Order>['onChange'] = (pagination) => {
    const size = pagination.pageSize ?? pageSize
    if (size !== pageSize) {
      setPageSize(size)
      setPage(1)
    } else {
      setPage(pagination.current ?? 1)
    }
  }

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
      {order.status === 'FAILED' && order.failure_reason && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {order.failure_reason}
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
            {[order.plan_name, orderChannelLabel(t, order.channel)].filter(Boolean).join(' · ')}
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
            {formatCurrency(order.amount, order.currency)}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {formatMoney(t, order.credits, order.asset)}
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
            <Button type="text" icon={<ReloadOutlined />} aria-label={t('orders.refresh')} onClick={() => setReloadKey((k) => k + 1)} loading={loading} />
          </Tooltip>
        }
      >
        <div className="cd-filters" role="search" aria-label={t('orders.filters')}>
          <Select<string[]>
            mode="multiple"
            allowClear
            virtual={false}
            value={statuses}
            options={statusOptions}
            placeholder={t('orders.allStatuses')}
            aria-label={t('orders.filterStatus')}
            maxTagCount="responsive"
            className="cd-filter-types"
            optionRender={(option) => (
              <Tag color={orderStatusColor(String(option.value))} bordered={false}>
                {option.label}
              </Tag>
            )}
            onChange={(next) => {
              setStatuses(next)
              setPage(1)
            }}
          />
          <DatePicker.RangePicker
            value={range}
            allowEmpty={[false, false]}
            disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
            aria-label={t('orders.dateRange')}
            presets={[
              { label: t('wallet.history.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
              { label: t('wallet.history.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
              { label: t('wallet.history.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
            ]}
            onChange={(next) => {
              setRange(next && next[0] && next[1] ? [next[0], next[1]] : null)
              setPage(1)
            }}
          />
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
          {filtered && (
            <Button
              type="link"
              onClick={() => {
                setStatuses([])
                setRange(null)
                setSearch('')
                setNumber('')
                setPage(1)
              }}
            >
              {t('orders.clear')}
            </Button>
          )}
        </div>
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            className="cd-form-alert"
            action={
              <Button size="small" onClick={() => setReloadKey((k) => k + 1)}>
                {t('common.retry')}
              </Button>
            }
          />
        )}
        <Table<Order>
          rowKey={(o) => String(o.number ?? o.id)}
          columns={columns}
          dataSource={rows}
          loading={loading}
          size="middle"
          onChange={onTableChange}
          pagination={{
            current: page,
            pageSize,
            total,
            showSizeChanger: true,
            pageSizeOptions: ORDER_PAGE_SIZES,
            showTotal: (count, [from, to]) => t('orders.range', { from, to, count }),
            hideOnSinglePage: false,
          }}
          locale={{ emptyText: filtered ? t('orders.emptyFiltered') : t('orders.empty') }}
        />
      </Card>
    </>
  )
}
