import type { BaseKey, BaseRecord } from '@refinedev/core'
import { Button, Space, Tooltip, Typography } from 'antd'
import { PlusOutlined, WarningOutlined } from '@ant-design/icons'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import { useResourceMeta } from '../../../meta/MetaContext'
import { canDo } from '../../../meta/permissions'
import { RowActions } from '../../../engine/list/RowActions'
import { formatDate, formatDateTime } from '../../../engine/fields/format'
import { PanelTable } from '../../../engine/show/PanelTable'
import { eqFilter, ORG_FIELD, ORG_RESOURCES } from './orgResources'
import { isSet } from './orgFormat'

/** An active contract this close to its end is flagged for renewal. */
const EXPIRY_WARNING_DAYS = 30

/**
 * The organization's contracts: number, title, type, status, term (expiring soon flagged), how and
 * by whom it was signed; download the current file (a signed link); replace, upload the signed scan, void or
 * renew through the contract's declared actions.
 */
export function OrgContracts({ org }: { org: BaseRecord }) {
  const { t, i18n } = useTranslation()
  const contracts = useResourceMeta(ORG_RESOURCES.contracts)
  if (!contracts || !canDo(contracts, 'list')) return null

  const expiry = (r: BaseRecord) => {
    if (!isSet(r.expires_on)) return '—'
    const days = dayjs(String(r.expires_on)).diff(dayjs().startOf('day'), 'day')
    const soon = r.status === 'active' && days <= EXPIRY_WARNING_DAYS
    return (
      <Space size={4} style={{ whiteSpace: 'nowrap' }}>
        <span>{formatDate(r.expires_on, i18n.language)}</span>
        {soon && (
          <Tooltip title={t('org.contracts.expiresIn', { count: Math.max(days, 0) })}>
            <WarningOutlined style={{ color: '#d46b08' }} aria-label={t('org.contracts.expiresIn', { count: Math.max(days, 0) })} />
          </Tooltip>
        )}
      </Space>
    )
  }
  const signing = (r: BaseRecord) =>
    isSet(r.signed_at) ? (
      <Typography.Text>{t('org.contracts.signed', { name: r.signed_by_name ?? '', time: formatDateTime(r.signed_at, { locale: i18n.language }) })}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('org.contracts.unsigned')}</Typography.Text>
    )

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {canDo(contracts, 'create') && (
        <Link to={`/r/${contracts.name}/create?${ORG_FIELD}=${encodeURIComponent(String(org.id))}`}>
          <Button icon={<PlusOutlined />}>{t('org.contracts.new')}</Button>
        </Link>
      )}
      <PanelTable
        resource={contracts}
        filters={eqFilter(contracts, ORG_FIELD, org.id)}
        columns={['number', 'title', 'type', 'status', 'signing_method', 'starts_on', 'expires_on', 'file_id']}
        render={{
          expires_on: { cell: expiry },
          signing: { title: t('org.contracts.signing'), cell: signing },
        }}
        actions={(r) => (
<RowActions resource={contracts} record={r} />
        )}
        empty={t('org.contracts.empty')}
        listFilter={{ field: ORG_FIELD, value: org.id as BaseKey }}
      />
    </Space>
  )
}
