import type { ReactNode } from 'react'
import type { BaseRecord } from '@refinedev/core'
import { Descriptions, Space, Tag, Typography } from 'antd'
import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../../meta/types'
import { useAdminMeta, useLabel } from '../../../meta/MetaContext'
import { FieldValue } from '../../../engine/fields/FieldValue'
import { formatDateTime } from '../../../engine/fields/format'
import { ActionButton } from '../../../engine/actions/ActionButton'
import { fieldOf, orgAction } from './orgResources'
import { LatestReview } from './LatestReview'
import { formatRate, isSet } from './orgFormat'

interface Props {
  /** The organization as `users` and, when the viewer may read it, `organizations` describe it. */
  record: BaseRecord
  sources: ResourceMeta[]
}

/**
 * Who the organization is, whether it is verified (with the latest KYC review and its documents),
 * how it is billed and whether overdue bills have suspended it — each with the action that
 * changes it, when this viewer may run it.
 */
export function OrgSummary({ record, sources }: Props) {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const meta = useAdminMeta()
  // a value rendered by the first resource that declares it (labels, enum tags, money, dates from meta)
  const value = (name: string): ReactNode => {
    const resource = sources.find((r) => fieldOf(r, name))
    const field = fieldOf(resource, name)
    return resource && field ? <FieldValue field={field} resource={resource} record={record} mode="show" /> : isSet(record[name]) ? String(record[name]) : '—'
  }
  const fieldLabel = (name: string, fallback: string) => label(sources.map((r) => fieldOf(r, name)?.label).find(Boolean), '') || fallback
  const action = (name: string) => {
    const found = orgAction(meta, name, record)
    return found ? <ActionButton resource={found.resource} action={found.action} record={record} size="small" /> : null
  }
  const suspended = isSet(record.billing_suspended_at)
  const postpaid = record.billing_mode === 'postpaid'

  const billing = [
    record.bill_cycle === 'custom' && isSet(record.bill_cycle_days)
      ? t('org.billing.everyDays', { count: Number(record.bill_cycle_days) })
      : isSet(record.bill_cycle) ? t('org.billing.monthly') : null,
    isSet(record.payment_terms_days) ? t('org.billing.terms', { count: Number(record.payment_terms_days) }) : null,
    isSet(record.overdue_suspend_days) ? t('org.billing.suspendAfter', { count: Number(record.overdue_suspend_days) }) : null,
    isSet(record.tax_rate) ? t('org.billing.tax', { rate: formatRate(record.tax_rate, i18n.language) }) : null,
    isSet(record.bill_discount_rate) && Number(record.bill_discount_rate) > 0 ? t('org.billing.discount', { rate: formatRate(record.bill_discount_rate, i18n.language) }) : null,
  ].filter(Boolean)

  const items = [
    { key: 'org_type', label: fieldLabel('org_type', t('org.type')), children: value('org_type') },
    { key: 'org_name', label: fieldLabel('org_name', t('org.name')), children: value('org_name') },
    ...(isSet(record.member_count) ? [{ key: 'member_count', label: fieldLabel('member_count', t('org.tabs.members')), children: value('member_count') }] : []),
    ...(isSet(record.org_opened_at)
      ? [{ key: 'org_opened_at', label: fieldLabel('org_opened_at', t('org.opened')), children: <Space size={4} wrap>{value('org_opened_at')}{isSet(record.org_opened_by) && <span style={{ whiteSpace: 'nowrap' }}>· {value('org_opened_by')}</span>}</Space> }]
      : []),
    ...(isSet(record.org_address) ? [{ key: 'org_address', label: fieldLabel('org_address', t('org.address')), children: value('org_address') }] : []),
    {
      key: 'verification',
      label: fieldLabel('verification_status', t('org.verification')),
      span: 'filled' as const,
      children: (
        <Space size={8} wrap>
          {value('verification_status')}
          <LatestReview orgId={record.id} />
          {action('submit_kyc')}
        </Space>
      ),
    },
    {
      key: 'billing',
      label: fieldLabel('billing_mode', t('org.billing.mode')),
      span: 'filled' as const,
      children: (
        <Space size={8} wrap>
          {value('billing_mode')}
          {postpaid && isSet(record.credit_limit) && <span>{t('org.billing.creditLimit')}: {value('credit_limit')}</span>}
          {postpaid && billing.length > 0 && <Typography.Text type="secondary" data-testid="org-billing-terms">{billing.join(' · ')}</Typography.Text>}
          {action('set_billing')}
        </Space>
      ),
    },
    {
      key: 'suspension',
      label: t('org.suspension.label'),
      span: 'filled' as const,
      children: suspended ? (
        <Space size={8} wrap data-suspended="true">
          <Tag color="red" icon={<StopOutlined />}>{t('org.suspension.since', { time: formatDateTime(record.billing_suspended_at, { locale: i18n.language }) })}</Tag>
          {isSet(record.billing_suspended_reason) && <Typography.Text type="secondary">{String(record.billing_suspended_reason)}</Typography.Text>}
          {action('lift_suspension')}
        </Space>
      ) : (
        <Tag color="green" icon={<CheckCircleOutlined />} data-suspended="false">{t('org.suspension.none')}</Tag>
      ),
    },
  ]
  return <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 4 }} styles={{ label: { whiteSpace: 'nowrap' } }} items={items} />
}
