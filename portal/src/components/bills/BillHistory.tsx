import { Card, Table, Typography, type TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import { CREDIT_NOTE_SETTLEMENTS, DISPUTE_STATUSES } from '@creditdesk/contract/bills'
import { labelText } from '@creditdesk/contract/i18n'
import type { BillDetail, BillDocument } from '../../api/bills'
import { formatDate, formatDateTime, humanize } from '../../lib/format'
import { EnumTag } from '../EnumTag'
import { Money } from '../Money'

type Payment = BillDocument['payments'][number]
type CreditNote = BillDocument['creditNotes'][number]
type Dispute = BillDetail['disputes'][number]

const METHODS: Record<string, string> = { stripe: 'bills.methods.stripe', bank_transfer: 'bills.methods.bank_transfer', cash: 'bills.methods.cash' }

/** Payments received against a bill (card or offline), oldest first. */
export function BillPayments({ doc }: { doc: BillDocument }) {
  const { t } = useTranslation()
  const columns: TableColumnsType<Payment> = [
    { key: 'date', title: t('bills.payments.date'), render: (_, p) => formatDateTime(p.date) },
    { key: 'method', title: t('bills.payments.method'), render: (_, p) => (METHODS[p.method] ? t(METHODS[p.method]) : humanize(p.method)) },
    { key: 'reference', title: t('bills.payments.reference'), render: (_, p) => <Typography.Text className="cd-mono">{p.reference || '—'}</Typography.Text> },
    { key: 'amount', title: t('bills.payments.amount'), align: 'right', render: (_, p) => <Money value={p.amount} asset={doc.currency} /> },
  ]
  return (
    <Card variant="borderless" className="cd-card" title={t('bills.payments.title')} data-testid="bill-payments">
      <Table<Payment> rowKey={(p) => `${p.date}:${p.reference}`} columns={columns} dataSource={doc.payments} pagination={false} size="small" locale={{ emptyText: t('bills.payments.empty') }} />
    </Card>
  )
}

/** Credit notes: what disputes resolved in the customer's favour took off the bill. */
export function BillCreditNotes({ doc }: { doc: BillDocument }) {
  const { t } = useTranslation()
  const columns: TableColumnsType<CreditNote> = [
    { key: 'number', title: t('bills.creditNotes.number'), render: (_, c) => <Typography.Text className="cd-mono">{c.number}</Typography.Text> },
    { key: 'date', title: t('bills.creditNotes.date'), render: (_, c) => formatDate(c.date) },
    { key: 'reason', title: t('bills.creditNotes.reason'), render: (_, c) => c.reason },
    { key: 'settlement', title: t('bills.creditNotes.settlement'), render: (_, c) => <EnumTag options={CREDIT_NOTE_SETTLEMENTS} value={c.settlement} /> },
    { key: 'amount', title: t('bills.creditNotes.amount'), align: 'right', render: (_, c) => <Money value={c.amount} asset={doc.currency} sign="-" /> },
  ]
  return (
    <Card variant="borderless" className="cd-card" title={t('bills.creditNotes.title')} data-testid="bill-credit-notes">
      <Table<CreditNote> rowKey="number" columns={columns} dataSource={doc.creditNotes} pagination={false} size="small" locale={{ emptyText: t('bills.creditNotes.empty') }} />
    </Card>
  )
}

/** Disputes opened on the bill's lines and how each was resolved. */
export function BillDisputes({ bill }: { bill: BillDetail }) {
  const { t, i18n } = useTranslation()
  const lineText = (id: number) => {
    const line = bill.lines.find((l) => l.id === id)
    return line ? (labelText(line.description as unknown as Record<string, string>, i18n.language) ?? '—') : `#${id}`
  }
  const columns: TableColumnsType<Dispute> = [
    { key: 'date', title: t('bills.disputes.date'), render: (_, d) => formatDate(d.created_at) },
    { key: 'line', title: t('bills.disputes.line'), render: (_, d) => lineText(d.bill_line_id) },
    { key: 'reason', title: t('bills.disputes.reason'), render: (_, d) => d.reason },
    { key: 'status', title: t('bills.disputes.status'), render: (_, d) => <EnumTag options={DISPUTE_STATUSES} value={d.status} testId="dispute-status" /> },
    { key: 'resolution', title: t('bills.disputes.resolution'), responsive: ['md'], render: (_, d) => d.resolution || '—' },
    { key: 'amount', title: t('bills.disputes.amount'), align: 'right', render: (_, d) => <Money value={d.amount} asset={bill.currency} /> },
  ]
  return (
    <Card variant="borderless" className="cd-card" title={t('bills.disputes.title')} data-testid="bill-disputes">
      <Table<Dispute> rowKey="id" columns={columns} dataSource={bill.disputes} pagination={false} size="small" locale={{ emptyText: t('bills.disputes.empty') }} />
    </Card>
  )
}
