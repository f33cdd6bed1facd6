import { Card, Descriptions, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { BILL_STATUSES } from '@creditdesk/contract/bills'
import type { BillDocument } from '../../api/bills'
import { formatPeriod } from '../../lib/billing'
import { formatDate } from '../../lib/format'
import { EnumTag } from '../EnumTag'

/** Who bills whom for which period, and when it was issued and falls due (dates in the reader's zone). */
export function BillSummary({ doc }: { doc: BillDocument }) {
  const { t, i18n } = useTranslation()
  const c = doc.customer
  return (
    <Card variant="borderless" className="cd-card" data-testid="bill-summary">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('bills.fields.number')}>
          <Typography.Text className="cd-mono" copyable>
            {doc.number}
          </Typography.Text>
        </Descriptions.Item>
        {doc.kind === 'bill' && (
          <Descriptions.Item label={t('bills.fields.status')}>
            <EnumTag options={BILL_STATUSES} value={doc.status} testId="bill-status" />
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('bills.fields.period')}>{formatPeriod(doc.period, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('bills.fields.currency')}>{doc.currency}</Descriptions.Item>
        {doc.kind === 'bill' && <Descriptions.Item label={t('bills.fields.issued')}>{formatDate(doc.issuedAt)}</Descriptions.Item>}
        {doc.kind === 'bill' && <Descriptions.Item label={t('bills.fields.due')}>{formatDate(doc.dueAt)}</Descriptions.Item>}
        <Descriptions.Item label={t('bills.fields.billedTo')}>
          <div>
            <div>{c.name}</div>
            <Typography.Text type="secondary">{c.email}</Typography.Text>
            {c.address && <div>{c.address}</div>}
            {c.taxId && <div>{t('bills.fields.taxId', { id: c.taxId })}</div>}
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t('bills.fields.issuer')}>
          <div>
            <div>{doc.issuer.name}</div>
            <Typography.Text type="secondary">{doc.issuer.address}</Typography.Text>
          </div>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  )
}
