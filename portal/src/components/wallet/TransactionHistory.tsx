import { ReloadOutlined } from '@ant-design/icons'
import { Button, Card, Grid, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import * as api from '../../api/portal'
import type { WalletTransaction } from '../../api/types'
import { LEDGER_TYPE_NAMES, LEDGER_TYPES, directionOf, isLedgerType } from '@creditdesk/contract/ledger_types'
import { formatDateTime } from '../../lib/format'
import { ListError, ListFilters, rangeToQuery, type DateRange } from '../ListFilters'
import { Money } from '../Money'
import { LIST_PAGE_SIZES, useServerList } from '../useServerList'
import { transactionDescription, transactionSign, transactionTypeName } from './transactionDetails'

export const HISTORY_PAGE_SIZES = LIST_PAGE_SIZES
export { rangeToQuery }

/**
 * The wallet's history: server-side pagination (`_start`/`_end`, total from X-Total-Count), a multi-select type
 * filter (repeated `type=`) and a date range (`created_at_gte`/`created_at_lte`). `refreshKey` reloads it.
 */
const colorOf = (type: string) => (isLedgerType(type) ? LEDGER_TYPES[type].color : 'default')

export function TransactionHistory({ asset, refreshKey = 0 }: { asset: string | null; refreshKey?: number }) {
  const { t, i18n } = useTranslation()
  const typeName = (type: string) => transactionTypeName(t, type, i18n.language)
  const wide = !!Grid.useBreakpoint().md
  const [types, setTypes] = useState<string[]>([])
  const [range, setRange] = useState<DateRange | null>(null)
  const list = useServerList<WalletTransaction>(
    (window) => api.listWalletTransactions({ ...window, types, ...rangeToQuery(range) }),
    [types, range, refreshKey],
  )
  const { setPage } = list

  const filtered = types.length > 0 || range !== null

  /** Signed from the contract's direction of the type (a signed type: the stored amount's own sign). */
  const amount = (tx: WalletTransaction) => {
    const sign = transactionSign(tx)
    const direction = sign === '+' ? 'in' : sign === '-' ? 'out' : directionOf(tx.type) === 'held' ? 'held' : 'neutral'
    return (
      <span data-direction={direction}>
        <Money value={tx.amount} asset={asset} sign={sign} className={`cd-amount cd-amount-${direction}`} />
      </span>
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
              <Tag color={colorOf(tx.type)} bordered={false} className="cd-type-tag">
                {typeName(tx.type)}
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
        <Tag color={colorOf(tx.type)} bordered={false} className="cd-type-tag">
          {typeName(tx.type)}
        </Tag>
      ),
    },
    {
      key: 'details',
      title: t('wallet.history.details'),
      responsive: ['md'],
      render: (_, tx) => {
        const description = transactionDescription(t, tx, i18n.language)
        return description ? <Typography.Text>{description}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>
      },
    },
    {
      key: 'amount',
      title: t('wallet.history.amount'),
      align: 'right',
      render: (_, tx) => amount(tx),
    },
  ]

  const typeOptions = LEDGER_TYPE_NAMES.map((type) => ({ value: type, label: typeName(type) }))

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
          color: colorOf,
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
