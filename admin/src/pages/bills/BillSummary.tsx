import type { BaseRecord } from '@refinedev/core'
import { Descriptions, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import { isZero } from '@creditdesk/contract/money'
import type { ResourceMeta } from '../../meta/types'
import { Link } from 'react-router'
import { useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { formatDate, formatDateTime } from '../../engine/fields/format'
import { formatPeriod } from './billFormat'
import { BillStatusTag } from './BillStatusTag'
import type { BillDocument } from './billDocument'

/** Number, organization, period, status, issue and due dates, invoicing, and whom the bill is addressed to. */
export function BillSummary({ resource, record, document }: { resource: ResourceMeta; record: BaseRecord | undefined; document: BillDocument }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const overdue = !!document.dueAt && dayjs(document.dueAt).isBefore(dayjs()) && !isZero(document.totals.outstanding)
  const customer = document.customer
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 4 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'number', label: t('bill.number'), children: <Typography.Text copyable>{document.number}</Typography.Text> },
        {
          key: 'org',
          label: t('bill.organization'),
          children: <OrgName name={customer.name} orgId={record?.org_id ?? customer.id} />,
        },
        {
          key: 'period',
          label: t('bill.period'),
          children: (
            <span data-testid="bill-period">
              {formatPeriod(document.period.start, document.period.end, lang, document.period.zone)}{' '}
              <Typography.Text type="secondary">({document.period.zone})</Typography.Text>
            </span>
          ),
        },
        { key: 'status', label: t('bill.status'), children: <BillStatusTag resource={resource} field="status" value={document.status ?? record?.status} /> },
        { key: 'issued', label: t('bill.issuedAt'), children: document.issuedAt ? formatDateTime(document.issuedAt, { locale: lang }) : <Typography.Text type="secondary">{t('bill.notIssued')}</Typography.Text> },
        {
          key: 'due',
          label: t('bill.dueDate'),
          children: document.dueAt ? (
            <Space size={4}>
              <span data-testid="bill-due">{formatDate(document.dueAt, lang)}</span>
              {overdue && <Tag color="red">{t('bill.overdue')}</Tag>}
            </Space>
          ) : (
            '—'
          ),
        },
        { key: 'invoice', label: t('bill.invoiceStatus'), children: <BillStatusTag resource={resource} field="invoice_status" value={record?.invoice_status} /> },
        {
          key: 'billedTo',
          label: t('bill.billedTo'),
          span: 'filled' as const,
          children: (
            <span>
              {[customer.name, customer.email, customer.address, customer.taxId ? t('bill.taxId', { id: customer.taxId }) : null].filter(Boolean).join(' · ')}
            </span>
          ),
        },
      ]}
    />
  )
}

/** The organization by its name (the bill's addressee), opening its customer page for whoever may read it. */
function OrgName({ name, orgId }: { name: string; orgId: unknown }) {
  const users = useResourceMeta('users')
  return canDo(users, 'show') ? <Link to={`/r/users/show/${encodeURIComponent(String(orgId))}`}>{name}</Link> : <span>{name}</span>
}
