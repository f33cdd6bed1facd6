import { ClockCircleOutlined } from '@ant-design/icons'
import { Alert, Card, Grid, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { GiftLot, Wallet } from '../../api/types'
import { EXPIRY_WARNING_DAYS } from '../../config'
import { calendarDaysUntil, formatDate, formatDateTime, humanize } from '../../lib/format'
import { compareAmounts, sumAmounts } from '@creditdesk/contract/money'
import { formatMoney, Money } from '../Money'

type ExpiryState = 'never' | 'expired' | 'soon' | 'later'

export function expiryState(expiresAt: string | null, now = dayjs()): ExpiryState {
  if (!expiresAt) return 'never'
  const at = dayjs(expiresAt)
  if (!at.isValid()) return 'never'
  const ms = at.diff(now)
  if (ms <= 0) return 'expired'
  return ms <= EXPIRY_WARNING_DAYS * 24 * 3600 * 1000 ? 'soon' : 'later'
}

function ExpiryTag({ expiresAt }: { expiresAt: string | null }) {
  const { t } = useTranslation()
  const state = expiryState(expiresAt)
  if (state === 'expired')
    return (
      <Tag color="red" bordered={false}>
        {t('wallet.lots.expired')}
      </Tag>
    )
  if (state !== 'soon') return null
  const days = calendarDaysUntil(expiresAt) ?? 0
  const text = days <= 0 ? t('wallet.lots.expiresToday') : days === 1 ? t('wallet.lots.expiresTomorrow') : t('wallet.lots.expiresIn', { count: days })
  return (
    <Tag color="warning" icon={<ClockCircleOutlined />} data-testid="expiry-warning">
      {text}
    </Tag>
  )
}

export function GiftLotsCard({ wallet, loading }: { wallet: Wallet | null; loading: boolean }) {
  const { t } = useTranslation()
  const wide = !!Grid.useBreakpoint().md
  const lots = useMemo(() => wallet?.gift_lots ?? [], [wallet])
  const asset = wallet?.asset ?? null

  const expiringSoon = useMemo(() => lots.filter((l) => expiryState(l.expires_at) === 'soon'), [lots])
  const expiringAmount = useMemo(() => {
    try {
      return expiringSoon.length ? sumAmounts(expiringSoon.map((l) => l.remaining)) : null
    } catch {
      return null
    }
  }, [expiringSoon])

  const source = (lot: GiftLot) =>
    lot.source_type ? t(`wallet.sources.${lot.source_type}`, { defaultValue: humanize(lot.source_type) }) : t('wallet.sources.unknown')

  const partlyUsed = (lot: GiftLot) => {
    try {
      return compareAmounts(lot.remaining, lot.amount) !== 0
    } catch {
      return false
    }
  }

  const expiry = (lot: GiftLot) =>
    lot.expires_at ? (
      <div className="cd-expiry">
        <Tooltip title={formatDateTime(lot.expires_at)}>
          <span>{formatDate(lot.expires_at)}</span>
        </Tooltip>
        <ExpiryTag expiresAt={lot.expires_at} />
      </div>
    ) : (
      <Typography.Text type="secondary">{t('wallet.lots.noExpiry')}</Typography.Text>
    )

  const columns: TableColumnsType<GiftLot> = [
    {
      key: 'source',
      title: t('wallet.lots.source'),
      render: (_, lot) => (
        <div>
          <Typography.Text>{source(lot)}</Typography.Text>
          {/* On phones the expiry goes under the source: two columns fit, four do not. */}
          {!wide && <div className="cd-expiry-inline">{expiry(lot)}</div>}
        </div>
      ),
    },
    {
      key: 'granted_at',
      title: t('wallet.lots.granted'),
      responsive: ['md'],
      render: (_, lot) => (
        <Tooltip title={formatDateTime(lot.granted_at)}>
          <span>{formatDate(lot.granted_at)}</span>
        </Tooltip>
      ),
    },
    {
      key: 'expires_at',
      title: t('wallet.lots.expires'),
      responsive: ['md'],
      render: (_, lot) => expiry(lot),
    },
    {
      key: 'remaining',
      title: t('wallet.lots.remaining'),
      align: 'right',
      render: (_, lot) => (
        <div>
          <Money value={lot.remaining} asset={asset} className="cd-money-strong" />
          {partlyUsed(lot) && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('wallet.lots.ofAmount', { amount: formatMoney(t, lot.amount, asset) })}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
  ]

  return (
    <Card
      variant="borderless"
      className="cd-card cd-section"
      title={t('wallet.lots.title')}
      extra={wallet && lots.length > 0 ? <Typography.Text type="secondary">{t('wallet.lots.count', { count: lots.length })}</Typography.Text> : undefined}
    >
      <Typography.Paragraph type="secondary">{t('wallet.lots.description')}</Typography.Paragraph>
      {expiringSoon.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="cd-form-alert"
          data-testid="expiring-alert"
          message={
            expiringAmount
              ? t('wallet.lots.expiringSoon', { amount: formatMoney(t, expiringAmount, asset), days: EXPIRY_WARNING_DAYS })
              : t('wallet.lots.expiringSoonNoAmount', { days: EXPIRY_WARNING_DAYS })
          }
        />
      )}
      <Table<GiftLot>
        rowKey={(l) => String(l.id)}
        columns={columns}
        dataSource={lots}
        loading={loading}
        size="middle"
        pagination={lots.length > 10 ? { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } : false}
        rowClassName={(l) => (expiryState(l.expires_at) === 'soon' ? 'cd-row-warning' : '')}
        locale={{ emptyText: t('wallet.lots.empty') }}
      />
    </Card>
  )
}
