import { GiftOutlined, ReloadOutlined, ShoppingCartOutlined } from '@ant-design/icons'
import { Alert, Button, Space, Tooltip } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageHeader } from '../components/PageHeader'
import { useWallet } from '../components/useWallet'
import { BalanceCards } from '../components/wallet/BalanceCards'
import { GiftLotsCard } from '../components/wallet/GiftLotsCard'
import { TransactionHistory } from '../components/wallet/TransactionHistory'
import { TierCard } from '../components/tier/TierCard'
import { useDocumentTitle } from '../hooks'
import { describeError } from '../lib/formErrors'
import { formatMoney } from '../components/Money'
import { isZero } from '@creditdesk/contract/money'

export function WalletPage() {
  const { t } = useTranslation()
  const { wallet, loading, error, reload } = useWallet()
  const [historyKey, setHistoryKey] = useState(0)
  useDocumentTitle(t('wallet.title'))

  const refreshAll = () => {
    void reload()
    setHistoryKey((k) => k + 1)
  }

  return (
    <>
      <PageHeader
        title={t('wallet.title')}
        description={t('wallet.description')}
        extra={
          <Space wrap>
            <Tooltip title={t('wallet.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={refreshAll} loading={loading} aria-label={t('wallet.refresh')} />
            </Tooltip>
            <Link to="/account/redeem">
              <Button icon={<GiftOutlined />}>{t('wallet.redeem')}</Button>
            </Link>
            <Link to="/account/buy">
              <Button type="primary" icon={<ShoppingCartOutlined />}>
                {t('wallet.buy')}
              </Button>
            </Link>
          </Space>
        }
      />
      {error !== null && (
        <Alert
          type="error"
          showIcon
          className="cd-form-alert"
          message={t('wallet.loadFailed')}
          description={describeError(error, t)}
          action={
            <Button size="small" onClick={() => void reload()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {wallet?.arrears && !isZero(wallet.arrears) && (
        <Alert
          type="warning"
          showIcon
          className="cd-form-alert"
          data-testid="wallet-arrears"
          message={t('wallet.arrearsTitle', { amount: formatMoney(t, wallet.arrears, wallet.asset) })}
          description={t('wallet.arrearsText')}
          action={
            <Link to="/account/buy">
              <Button size="small" type="primary">
                {t('wallet.buy')}
              </Button>
            </Link>
          }
        />
      )}
      <BalanceCards wallet={wallet} failed={error !== null} />
      <TierCard asset={wallet?.asset ?? null} refreshKey={historyKey} />
      <GiftLotsCard wallet={wallet} loading={loading} />
      <TransactionHistory asset={wallet?.asset ?? null} refreshKey={historyKey} />
    </>
  )
}
