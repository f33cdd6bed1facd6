import { Button, Card, Table, Typography, type TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import { labelText } from '@creditdesk/contract/i18n'
import { BILL_LINE_KINDS } from '@creditdesk/contract/bills'
import type { BillDocument } from '../../api/bills'
import { EnumTag } from '../EnumTag'
import { Money } from '../Money'

type Line = BillDocument['lines'][number]

/** A bill's lines (usage by model, generations, adjustments), each disputable when `onDispute` is given. */
export function BillLines({ doc, onDispute }: { doc: BillDocument; onDispute?: (line: Line) => void }) {
  const { t, i18n } = useTranslation()
  const number = (v: string | number) => {
    const n = Number(v)
    return Number.isFinite(n) ? new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 6 }).format(n) : String(v)
  }
  const columns: TableColumnsType<Line> = [
    {
      key: 'description',
      title: t('bills.lines.description'),
      render: (_, l) => labelText(l.description as unknown as Record<string, string>, i18n.language) ?? '—',
    },
    { key: 'kind', title: t('bills.lines.kind'), responsive: ['md'], render: (_, l) => <EnumTag options={BILL_LINE_KINDS} value={l.kind} /> },
    {
      key: 'quantity',
      title: t('bills.lines.quantity'),
      align: 'right',
      responsive: ['md'],
      render: (_, l) => (l.unit ? t('bills.lines.quantityUnit', { quantity: number(l.quantity), unit: l.unit }) : number(l.quantity)),
    },
    { key: 'requests', title: t('bills.lines.requests'), align: 'right', responsive: ['lg'], render: (_, l) => number(l.requests) },
    { key: 'amount', title: t('bills.lines.amount'), align: 'right', render: (_, l) => <Money value={l.amount} asset={doc.currency} /> },
  ]
  if (onDispute) {
    columns.push({
      key: 'actions',
      title: t('bills.lines.actions'),
      render: (_, l) =>
        l.id !== null && (
          <Button size="small" type="link" onClick={() => onDispute(l)}>
            {t('bills.dispute.open')}
          </Button>
        ),
    })
  }
  return (
    <Card variant="borderless" className="cd-card" title={t('bills.lines.title')} data-testid="bill-lines">
      <Table<Line>
        rowKey={(l) => String(l.id ?? labelText(l.description as unknown as Record<string, string>, 'en'))}
        columns={columns}
        dataSource={doc.lines}
        pagination={false}
        size="middle"
        locale={{ emptyText: <Typography.Text type="secondary">{t('bills.lines.empty')}</Typography.Text> }}
      />
    </Card>
  )
}
