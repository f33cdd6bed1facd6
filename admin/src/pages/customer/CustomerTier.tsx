import { useCustom, type BaseKey } from '@refinedev/core'
import { Alert, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '@creditdesk/contract/money'
import { TIER_SOURCES, type CustomerTierWire } from '@creditdesk/contract/tiers'
import type { ResourceMeta } from '../../meta/types'
import { useAdminMeta, useLabel } from '../../meta/MetaContext'
import { formatDateTime } from '../../engine/fields/format'
import { API_URL } from '../../providers/http'

/**
 * The customer's tier from GET /users/:id/tier: which tier and why (recharges, a staff override
 * with its end, negotiated terms), the effective RPM / TPM verify enforces, how many API keys it
 * allows, the cumulative recharge and what the next tier needs. The changes are the "Tier history"
 * tab; overriding and negotiated terms are the page's actions. Refreshes with every action.
 */
export function CustomerTier({ id, resource }: { id: BaseKey; resource: ResourceMeta }) {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const meta = useAdminMeta()
  const { result, query } = useCustom<CustomerTierWire>({ url: `${API_URL}/users/${id}/tier`, method: 'get', errorNotification: false })
  if (query.isError) return <Alert type="error" showIcon message={t('customer.tier.failed')} description={query.error?.message} />
  const tier = query.isSuccess ? (result.data as CustomerTierWire) : undefined
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en'
  const number = (n: number | null) => (n === null ? t('customer.tier.unlimited') : n.toLocaleString(i18n.language))
  const color = resource.fields.find((f) => f.name === 'tier')?.options?.find((o) => o.value === tier?.code)?.color
  const source = TIER_SOURCES.find((s) => s.value === tier?.source)
  const currency = resource.fields.find((f) => f.name === 'recharged_total')?.currency ?? meta.settings?.currency

  return (
    <Card size="small" title={t('customer.tier.title')} className="cd-customer-tier" data-testid="customer-tier">
      {tier ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3, lg: 3, xl: 6, xxl: 6 }}
          items={[
            {
              key: 'tier',
              label: t('customer.tier.tier'),
              children: (
                <Space size={4} wrap>
                  <Tag color={color} data-tier={tier.code}>{tier.name[lang]}</Tag>
                  {source && <Tag color={source.color} data-source={tier.source}>{label(source.label, tier.source)}</Tag>}
                  {tier.override_until && <Typography.Text type="secondary">{t('customer.tier.until', { time: formatDateTime(tier.override_until, { locale: i18n.language }) })}</Typography.Text>}
                </Space>
              ),
            },
            { key: 'rpm', label: t('customer.tier.rpm'), children: <span data-limit="rpm">{number(tier.rpm)}</span> },
            { key: 'tpm', label: t('customer.tier.tpm'), children: <span data-limit="tpm">{number(tier.tpm)}</span> },
            { key: 'keys', label: t('customer.tier.maxKeys'), children: tier.max_keys },
            { key: 'recharged', label: t('customer.tier.recharged'), children: formatMoney(tier.recharged_total, currency, { locale: i18n.language }) },
            {
              key: 'next',
              label: t('customer.tier.nextLabel'),
              children: tier.next
                ? t('customer.tier.next', { tier: tier.next.name[lang], amount: formatMoney(tier.next.recharge_needed, currency, { locale: i18n.language }) })
                : tier.source === 'computed'
                  ? t('customer.tier.top')
                  : label(source?.label, tier.source),
            },
          ]}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      )}
    </Card>
  )
}
