import type { BaseKey } from '@refinedev/core'
import { Card, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { CREDIT_NOTE_SETTLEMENTS } from '@creditdesk/contract/bills'
import { formatMoney } from '@creditdesk/contract/money'
import { useLabel, useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { formatDateTime } from '../../engine/fields/format'
import { PanelTable } from '../../engine/show/PanelTable'
import { OptionTag } from './OptionTag'
import type { BillDocument } from './billDocument'

export const PAYMENTS_RESOURCE = 'bill-payments'

const money = (value: string, document: BillDocument, locale: string, sign: 'auto' | 'debit' = 'auto') => (
  <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatMoney(value, document.currency, { locale, sign })}</span>
)

/**
 * Payments applied to the bill: each with the order it came from (a link to the order) when the
 * viewer may list bill payments, else the document's list (date, method, reference, amount).
 */
export function BillPayments({ billId, document }: { billId: BaseKey; document: BillDocument }) {
  const { t, i18n } = useTranslation()
  const payments = useResourceMeta(PAYMENTS_RESOURCE)
  const orders = useResourceMeta('orders')
  const label = useLabel()
  const channels = orders?.fields.find((f) => f.name === 'channel')?.options
  const method = (value: string) => {
    const option = channels?.find((o) => o.value === value)
    return option ? label(option.label, value) : t(`bill.methods.${value}`, { defaultValue: value })
  }
  const byOrder = canDo(payments, 'list') && payments!.fields.some((f) => f.name === 'bill_id' && f.filter?.includes('eq'))
  return (
    <Card className="cd-section" size="small" title={t('bill.payments.title')} data-testid="bill-payments">
      {byOrder ? (
        <PanelTable
          resource={payments!}
          filters={[{ field: 'bill_id', operator: 'eq', value: billId }]}
          columns={['order_id', 'amount', 'created_at']}
          empty={t('bill.payments.empty')}
          listFilter={{ field: 'bill_id', value: billId }}
        />
      ) : (
        <Table
          size="small"
          rowKey={(p) => `${p.date}-${p.reference}-${p.amount}`}
          pagination={false}
          dataSource={document.payments}
          locale={{ emptyText: t('bill.payments.empty') }}
          columns={[
            { key: 'date', title: t('bill.payments.date'), render: (_, p) => formatDateTime(p.date, { locale: i18n.language }) },
            { key: 'method', title: t('bill.payments.method'), render: (_, p) => method(p.method) },
            { key: 'reference', title: t('bill.payments.reference'), dataIndex: 'reference' },
            { key: 'amount', title: t('bill.payments.amount'), align: 'right', render: (_, p) => money(p.amount, document, i18n.language) },
          ]}
        />
      )}
    </Card>
  )
}

/** Credit notes issued on the bill (a dispute resolved in the customer's favour): never an edit of the bill itself. */
export function BillCreditNotes({ document }: { document: BillDocument }) {
  const { t, i18n } = useTranslation()
  return (
    <Card className="cd-section" size="small" title={t('bill.creditNotes.title')} data-testid="bill-credit-notes">
      <Table
        size="small"
        rowKey="number"
        pagination={false}
        dataSource={document.creditNotes}
        locale={{ emptyText: t('bill.creditNotes.empty') }}
        columns={[
          { key: 'number', title: t('bill.creditNotes.number'), dataIndex: 'number' },
          { key: 'date', title: t('bill.creditNotes.date'), render: (_, n) => formatDateTime(n.date, { locale: i18n.language }) },
          { key: 'reason', title: t('bill.creditNotes.reason'), dataIndex: 'reason' },
          { key: 'settlement', title: t('bill.creditNotes.settlement'), render: (_, n) => <OptionTag options={CREDIT_NOTE_SETTLEMENTS} value={n.settlement} /> },
          { key: 'amount', title: t('bill.creditNotes.amount'), align: 'right', render: (_, n) => money(n.amount, document, i18n.language, 'debit') },
        ]}
      />
    </Card>
  )
}
