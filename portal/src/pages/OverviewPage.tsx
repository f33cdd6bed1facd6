import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { fetchUsageSummary } from '../api/usage'
import { viewerZone } from '../components/keys/keyText'
import { PageHeader } from '../components/PageHeader'
import { TierCard } from '../components/tier/TierCard'
import { UsageCharts } from '../components/usage/UsageCharts'
import { useLoad } from '../components/useLoad'
import { useWallet } from '../components/useWallet'
import { BalanceCards } from '../components/wallet/BalanceCards'
import { useDocumentTitle } from '../hooks'

/**
 * The home of roles that cannot open the wallet (read-only members, developers): the balance, the
 * account's tier and this month's usage by day and by model, read-only.
 */
export function OverviewPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('overview.title'))
  const { wallet, error } = useWallet()
  const month = dayjs().startOf('month')
  const summary = useLoad(() =>
    fetchUsageSummary({ from: month.format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD'), tz: viewerZone() }),
  )
  return (
    <>
      <PageHeader title={t('overview.title')} description={t('overview.description')} />
      <BalanceCards wallet={wallet} failed={error !== null} />
      <TierCard asset={wallet?.asset ?? null} />
      <div style={{ marginTop: 16 }}>
        <UsageCharts summary={summary.data} loading={summary.loading} />
      </div>
    </>
  )
}
