import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, DatePicker, Grid, Select, Table, Tag, Tooltip, Typography, type TableColumnsType, type TableProps } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import * as api from '../../api/portal'
import type { WalletTransaction } from '../../api/types'
import { describeError } from '../../lib/formErrors'
import { formatDateTime, humanize } from '../../lib/format'
import { FILTERABLE_TYPES, transactionColor, transactionDirection, transactionTypeLabel } from '../../lib/transactions'
import { Money } from '../Money'

export const HISTORY_PAGE_SIZES = [10, 20, 50, 100]
const DEFAULT_PAGE_SIZE = 20

type Range = [Dayjs, Dayjs]

/** The server's filters for a date range picked in local days: from the start of the first to the end of the last. */
export function rangeToQuery(range: Range | null) {
  if (!range) return { from: null, to: null }
  return { from: range[0].startOf('day').toISOString(), to: range[1].endOf('day').toISOString() }
}

/**
 * The wallet's history: server-side pagination (`_start`/`_end`, total from X-Total-Count), a multi-select type
 * filter (repeated `type=`) and a date range (`created_at_gte`/`created_at_lte`). `refreshKey` reloads it.
 */
export function TransactionHistory({ asset, refreshKey = 0 }: { asset: string | null; refreshKey?: number }) {
  const { t } = useTranslation()
  const wide = !!Grid.useBreakpoint().md
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE)
  const [types, setTypes] = useState<string[]>([])
  const [range, setRange] = useState<Range | null>(null)
  const [rows, setRows] = useState<WalletTransaction[]>([])
  const [total, setTotal] = useState(0)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [retryKey, setRetryKey] = useState(0)
  const latest = useRef(0)

  useEffect(() => {
    const id = ++latest.current
    setLoading(true)
    setError(null)
    api
      .listWalletTransactions({ start: (page - 1) * pageSize, end: page * pageSize, types, ...rangeToQuery(range) })
      .then((result) => {
        if (id !== latest.current) return
        // The list shrank under us (e.g. a refresh): go to the last page that has rows.
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
  }, [page, pageSize, types, range, refreshKey, retryKey])

  const filtered = types.length > 0 || range !== null

  const onTableChange: TableProps<WalletTransaction>['onChange'] = (pagination) => {
    const size = pagination.pageSize ?? pageSize
    if (size !== pageSize) {
      setPageSize(size)
      setPage(1)
    } else {
      setPage(pagination.current ?? 1)
    }
  }

  const reference = (tx: WalletTransaction) => {
    if (!tx.reference_type) return null
    const label = t(`wallet.references.${tx.reference_type}`, { defaultValue: humanize(tx.reference_type) })
    return tx.reference_id !== null && tx.reference_id !== undefined && tx.reference_id !== '' ? `${label} #${tx.reference_id}` : label
  }

  const amount = (tx: WalletTransaction) => {
    const direction = transactionDirection(tx.type)
    const money = (
      <Money
        value={tx.amount}
        asset={asset}
        sign={direction === 'in' ? '+' : direction === 'out' ? '-' : undefined}
        className={`cd-amount cd-amount-${direction}`}
      />
    )
    return direction === 'neutral' ? (
      <Tooltip title={tx.type === 'reversal' ? t('wallet.history.reversalHint') : undefined}>
        <span data-direction={direction}>{money}</span>
      </Tooltip>
    ) : (
      <span data-direction={direction}>{money}</span>
    )
  }

  const columns: TableColumnsType<WalletTransaction> = [
    {
      key: 'created_at',
      title: t('wallet.history.date'),
      width: wide ? 190 : undefined,
      render: (_, tx) => (
        <div>
          <span>{formatDateTime(tx.created_at)}</span>
          {!wide && (
            <div>
              <Tag color={transactionColor(tx.type)} bordered={false} className="cd-type-tag">
                {transactionTypeLabel(t, tx.type)}
              </Tag>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'type',
      title: t('wallet.history.type'),
      responsive: ['md'],
      render: (_, tx) => (
        <Tag color={transactionColor(tx.type)} bordered={false} className="cd-type-tag">
          {transactionTypeLabel(t, tx.type)}
        </Tag>
      ),
    },
    {
      key: 'details',
      title: t('wallet.history.details'),
      responsive: ['md'],
      render: (_, tx) => {
        const ref = reference(tx)
        return (
          <div className="cd-tx-details">
            {tx.memo ? <Typography.Text>{tx.memo}</Typography.Text> : !ref && <Typography.Text type="secondary">—</Typography.Text>}
            {ref && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {ref}
              </Typography.Text>
            )}
          </div>
        )
      },
    },
    {
      key: 'amount',
      title: t('wallet.history.amount'),
      align: 'right',
      render: (_, tx) => amount(tx),
    },
  ]

  const typeOptions = FILTERABLE_TYPES.map((type) => ({ value: type, label: transactionTypeLabel(t, type) }))

  return (
    <Card
      variant="borderless"
      className="cd-card cd-section"
      title={t('wallet.history.title')}
      extra={
        <Tooltip title={t('wallet.refresh')}>
          <Button
            type="text"
            icon={<ReloadOutlined />}
            aria-label={t('wallet.history.refresh')}
            onClick={() => setRetryKey((k) => k + 1)}
            loading={loading}
          />
        </Tooltip>
      }
    >
      <div className="cd-filters" role="search" aria-label={t('wallet.history.filters')}>
        <Select<string[]>
          mode="multiple"
          allowClear
          virtual={false}
          value={types}
          options={typeOptions}
          placeholder={t('wallet.history.allTypes')}
          aria-label={t('wallet.history.filterType')}
          maxTagCount="responsive"
          className="cd-filter-types"
          optionRender={(option) => (
            <Tag color={transactionColor(String(option.value))} bordered={false}>
              {option.label}
            </Tag>
          )}
          onChange={(next) => {
            setTypes(next)
            setPage(1)
          }}
        />
        <DatePicker.RangePicker
          value={range}
          allowEmpty={[false, false]}
          disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          aria-label={t('wallet.history.dateRange')}
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
        {filtered && (
          <Button
            type="link"
            onClick={() => {
              setTypes([])
              setRange(null)
              setPage(1)
            }}
          >
            {t('wallet.history.clear')}
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
            <Button size="small" onClick={() => setRetryKey((k) => k + 1)}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<WalletTransaction>
        rowKey={(tx) => String(tx.id)}
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
          pageSizeOptions: HISTORY_PAGE_SIZES,
          showTotal: (count, [from, to]) => t('wallet.history.range', { from, to, count }),
          hideOnSinglePage: false,
        }}
        locale={{ emptyText: filtered ? t('wallet.history.emptyFiltered') : t('wallet.history.empty') }}
      />
    </Card>
  )
}
