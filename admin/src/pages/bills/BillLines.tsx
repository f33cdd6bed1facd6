import { Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { BILL_LINE_KINDS } from '@creditdesk/contract/bills'
import { formatMoney, parseDecimal } from '@creditdesk/contract/money'
import { pickLabel } from '../../meta/label'
import type { ActionMeta, ResourceMeta } from '../../meta/types'
import type { BaseRecord } from '@refinedev/core'
import { ActionButton } from '../../engine/actions/ActionButton'
import { OptionTag } from './OptionTag'
import type { BillDocument } from './billDocument'

type Line = BillDocument['lines'][number]

/** "1234567.000000" → "1,234,567" in the reader's grouping; never through a float. */
export function formatQuantity(value: string, locale: string): string {
  const d = parseDecimal(value)
  if (!d) return value
  const text = `${d.negative ? '-' : ''}${d.int}${d.frac ? '.' + d.frac : ''}`
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(text as unknown as number)
}

/** The bill's declared "open a dispute" action, run on one line (the line is preset, only amount and reason are asked). */
export interface LineDispute {
  resource: ResourceMeta
  action: ActionMeta
  record: BaseRecord
}

/**
 * The bill's lines: what was used (by model), generations, adjustments — each with its quantity,
 * requests and amount, and a Dispute button on each line when the bill may be disputed.
 */
export function BillLines({ document, dispute }: { document: BillDocument; dispute?: LineDispute }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  return (
    <Table<Line>
      size="small"
      rowKey={(line) => String(line.id ?? `${line.kind}-${pickLabel(line.description, 'en')}`)}
      pagination={false}
      dataSource={document.lines}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('bill.noLines') }}
      columns={[
        { key: 'description', title: t('bill.lines.description'), render: (_, line) => pickLabel(line.description, lang) },
        { key: 'kind', title: t('bill.lines.kind'), render: (_, line) => <OptionTag options={BILL_LINE_KINDS} value={line.kind} /> },
        {
          key: 'quantity',
          title: t('bill.lines.quantity'),
          align: 'right',
          render: (_, line) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {formatQuantity(line.quantity, lang)} {line.unit && <Typography.Text type="secondary">{t(`bill.units.${line.unit}`, { defaultValue: line.unit })}</Typography.Text>}
            </span>
          ),
        },
        { key: 'requests', title: t('bill.lines.requests'), align: 'right', render: (_, line) => formatQuantity(line.requests, lang) },
        {
          key: 'amount',
          title: t('bill.lines.amount'),
          align: 'right',
          render: (_, line) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatMoney(line.amount, document.currency, { locale: lang })}</span>,
        },
        ...(dispute
          ? [{
              key: 'dispute',
              title: '',
              render: (_: unknown, line: Line) =>
                line.id === null ? null : (
                  <ActionButton compact resource={dispute.resource} action={dispute.action} record={dispute.record} preset={{ bill_line_id: line.id }} text={t('bill.lines.dispute')} />
                ),
            }]
          : []),
      ]}
    />
  )
}
