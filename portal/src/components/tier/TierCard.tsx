import { RiseOutlined } from '@ant-design/icons'
import { Card, Col, Progress, Row, Space, Statistic, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import { sumAmounts, toUnits } from '@creditdesk/contract/money'
import { TIER_SOURCES } from '@creditdesk/contract/tiers'
import { fetchTier, tierNameText, type CustomerTierWire } from '../../api/account'
import { formatMoney } from '../Money'
import { formatDate } from '../../lib/format'

/** Share of the way from what was recharged to the next tier's threshold, in whole percent (exact, from units). */
function progressToNext(recharged: string, needed: string): number {
  const done = toUnits(recharged)
  const total = toUnits(sumAmounts([recharged, needed]))
  if (total <= 0n) return 100
  return Number((done * 100n) / total)
}

/**
 * The account's tier: its name and where it comes from, the API limits it gives (RPM, TPM,
 * keys), and how much more recharge reaches the next tier.
 */
export function TierCard({ asset, refreshKey = 0 }: { asset: string | null; refreshKey?: number }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const [tier, setTier] = useState<CustomerTierWire | null>(null)
  useEffect(() => {
    let current = true
    // no card rather than an error: the wallet stays usable when the tier cannot be read
    fetchTier().then((next) => current && setTier(next), () => current && setTier(null))
    return () => {
      current = false
    }
  }, [refreshKey])
  if (!tier) return null
  const source = TIER_SOURCES.find((s) => s.value === tier.source)
  const limit = (value: number | null) => (value === null ? t('tier.unlimited') : new Intl.NumberFormat(lang).format(value))
  return (
    <Card variant="borderless" className="cd-card cd-section cd-tier-card" data-testid="tier-card">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap align="center">
          <Typography.Text type="secondary">{t('tier.current')}</Typography.Text>
          <Tag color="purple" bordered={false} style={{ fontSize: 14, padding: '2px 10px' }} data-testid="tier-name">
            {tierNameText(tier.name, lang, tier.code)}
          </Tag>
          {source && <Tag bordered={false} color={source.color}>{labelText(source.label, lang)}</Tag>}
          {tier.override_until && <Typography.Text type="secondary">{t('tier.until', { date: formatDate(tier.override_until) })}</Typography.Text>}
        </Space>
        <Row gutter={[16, 16]}>
          <Col xs={8}><Statistic title={t('tier.rpm')} value={limit(tier.rpm)} /></Col>
          <Col xs={8}><Statistic title={t('tier.tpm')} value={limit(tier.tpm)} /></Col>
          <Col xs={8}><Statistic title={t('tier.maxKeys')} value={new Intl.NumberFormat(lang).format(tier.max_keys)} /></Col>
        </Row>
        {tier.next ? (
          // the amount is written in the wallet's unit, so the line waits for the wallet
          asset !== null && <div data-testid="tier-next">
            <Typography.Text>
              <RiseOutlined />{' '}
              {t('tier.next', { amount: formatMoney(t, tier.next.recharge_needed, asset), tier: tierNameText(tier.next.name, lang, tier.next.code) })}
            </Typography.Text>
            {tier.recharged_total && <Progress percent={progressToNext(tier.recharged_total, tier.next.recharge_needed)} showInfo={false} strokeColor="#7c3aed" />}
          </div>
        ) : (
          <Typography.Text type="secondary" data-testid="tier-next">
            {tier.source === 'computed' ? t('tier.top') : t('tier.fixed')}
          </Typography.Text>
        )}
      </Space>
    </Card>
  )
}
