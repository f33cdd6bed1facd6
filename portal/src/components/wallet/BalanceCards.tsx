import { DollarOutlined, ExclamationCircleOutlined, GiftOutlined, LockOutlined, WalletOutlined } from '@ant-design/icons'
import { Card, Col, Row, Skeleton, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Wallet } from '../../api/types'
import { isZero } from '@creditdesk/contract/money'
import { Money } from '../Money'

type Bucket = 'total' | 'cash' | 'gift' | 'held' | 'arrears'

const ICONS: Record<Bucket, ReactNode> = {
  total: <WalletOutlined />,
  cash: <DollarOutlined />,
  gift: <GiftOutlined />,
  held: <LockOutlined />,
  arrears: <ExclamationCircleOutlined />,
}

/** Words of the extra buckets (the first three use `wallet.<bucket>`). */
const TEXT: Partial<Record<Bucket, { label: string; help: string }>> = {
  held: { label: 'wallet.held', help: 'wallet.heldHelp' },
  arrears: { label: 'wallet.owed', help: 'wallet.owedHelp' },
}

/** On hold and owed are shown only when there is something on hold or owed. */
function bucketsOf(wallet: Wallet | null): Bucket[] {
  const extra = (['held', 'arrears'] as const).filter((b) => wallet?.[b] && !isZero(wallet[b]))
  return ['total', 'cash', 'gift', ...extra]
}

/** Total / cash / gift, then on hold and owed when not zero. `compact` lists the first three in one card (redeem page). */
export function BalanceCards({ wallet, failed = false, compact = false }: { wallet: Wallet | null; failed?: boolean; compact?: boolean }) {
  const { t } = useTranslation()
  const buckets: Bucket[] = compact ? ['total', 'cash', 'gift'] : bucketsOf(wallet)

  const value = (bucket: Bucket) =>
    wallet ? (
      <Money value={wallet[bucket]} asset={wallet.asset} testId={`balance-${bucket}`} />
    ) : failed ? (
      <span className="cd-money">—</span>
    ) : (
      <Skeleton.Input active size="small" style={{ width: 96 }} />
    )

  if (compact) {
    return (
      <Card variant="borderless" className="cd-card" title={t('redeem.balanceTitle')}>
        <dl className="cd-balance-list">
          {buckets.map((b) => (
            <div key={b} className={`cd-balance-row cd-balance-row-${b}`}>
              <dt>
                <span className="cd-balance-icon" aria-hidden>
                  {ICONS[b]}
                </span>
                {t(`wallet.${b}`)}
              </dt>
              <dd>{value(b)}</dd>
            </div>
          ))}
        </dl>
      </Card>
    )
  }

  return (
    <Row gutter={[16, 16]} className="cd-balances">
      {buckets.map((b) => (
        <Col xs={24} sm={buckets.length > 3 ? 12 : 8} flex={buckets.length > 3 ? '1 1 200px' : undefined} key={b}>
          <Card variant="borderless" className={`cd-card cd-balance cd-balance-${b}`}>
            <div className="cd-balance-label">
              <span className="cd-balance-icon" aria-hidden>
                {ICONS[b]}
              </span>
              <span>{t(TEXT[b]?.label ?? `wallet.${b}`)}</span>
            </div>
            <div className="cd-balance-value">{value(b)}</div>
            <Typography.Text type="secondary" className="cd-balance-help">
              {t(TEXT[b]?.help ?? `wallet.${b}Help`)}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  )
}
