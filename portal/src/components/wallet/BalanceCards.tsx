import { DollarOutlined, GiftOutlined, WalletOutlined } from '@ant-design/icons'
import { Card, Col, Row, Skeleton, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Wallet } from '../../api/types'
import { Money } from '../Money'

type Bucket = 'total' | 'cash' | 'gift'

const ICONS: Record<Bucket, ReactNode> = {
  total: <WalletOutlined />,
  cash: <DollarOutlined />,
  gift: <GiftOutlined />,
}

/** Total / cash / gift. `compact` lists them in one card (redeem page). */
export function BalanceCards({ wallet, failed = false, compact = false }: { wallet: Wallet | null; failed?: boolean; compact?: boolean }) {
  const { t } = useTranslation()
  const buckets: Bucket[] = ['total', 'cash', 'gift']

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
        <Col xs={24} sm={8} key={b}>
          <Card variant="borderless" className={`cd-card cd-balance cd-balance-${b}`}>
            <div className="cd-balance-label">
              <span className="cd-balance-icon" aria-hidden>
                {ICONS[b]}
              </span>
              <span>{t(`wallet.${b}`)}</span>
            </div>
            <div className="cd-balance-value">{value(b)}</div>
            <Typography.Text type="secondary" className="cd-balance-help">
              {t(`wallet.${b}Help`)}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  )
}
