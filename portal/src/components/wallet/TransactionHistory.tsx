import { ReloadOutlined } from '@ant-design/icons'
import { Button, Card, Grid, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import * as api from '../../api/portal'
import type { WalletTransaction } from '../../api/types'
import { formatDateTime, humanize } from '../../lib/format'
import { FILTERABLE_TYPES, transactionColor, transactionDirection, transactionTypeLabel } from '../../lib/transactions'
import { ListError, ListFilters, rangeToQuery, type DateRange } from '../ListFilters'
import { Money } from '../Money'
import { LIST_PAGE_SIZES, useServerList } from '../useServerList'

export const HISTORY_PAGE_SIZES = LIST_PAGE_SIZES
export { rangeToQuery }

/**
 * The wallet's history: server-side pagination (`_start`/`_end`, total from X-Total-Count), a multi-select type
 * filter (repeated `type=`) and a date range (`created_at_gte`/`created_at_lte`). `refreshKey` reloads it.
 */
export function TransactionHistory({ asset, refreshKey = 0 }: { asset: string | null; refreshKey?: number }) {
  const { t } = useTranslation()
  const wide = !!Grid.useBreakpoint().md
  const [types, setTypes] = useState<string[]>([])
  const [range, setRange] = useState<DateRange | null>(null)
  const list = useServerList<WalletTransaction>(
    (window) => api.listWalletTransactions({ ...window, types, ...rangeToQuery(range) }),
    [types, range, refreshKey],
  )
  const { setPage } = list

  const filtered = types.length > 0 || range !== null

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
            onClick={list.reload}
            loading={list.loading}
          />
        </Tooltip>
      }
    >
      <ListFilters
        label={t('wallet.history.filters')}
        tags={{
          value: types,
          options: typeOptions,
          placeholder: t('wallet.history.allTypes'),
          label: t('wallet.history.filterType'),
          color: transactionColor,
          onChange: (next) => {
            setTypes(next)
            setPage(1)
          },
        }}
        range={range}
        rangeLabel={t('wallet.history.dateRange')}
        onRangeChange={(next) => {
          setRange(next)
          setPage(1)
        }}
        filtered={filtered}
        clearText={t('wallet.history.clear')}
        onClear={() => {
          setTypes([])
          setRange(null)
          setPage(1)
        }}
      />
      <ListError error={list.error} onRetry={list.reload} />
      <Table<WalletTransaction>
        rowKey={(tx) => String(tx.id)}
        columns={columns}
        dataSource={list.rows}
        loading={list.loading}
        size="middle"
        onChange={list.onTableChange}
        pagination={list.pagination((count, [from, to]) => t('wallet.history.range', { from, to, count }), HISTORY_PAGE_SIZES)}
        locale={{ emptyText: filtered ? t('wallet.history.emptyFiltered') : t('wallet.history.empty') }}
      />
    </Card>
  )
}
