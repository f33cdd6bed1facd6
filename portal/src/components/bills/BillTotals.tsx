import { Card, Descriptions, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { isZero } from '@creditdesk/contract/money'
import type { BillDocument } from '../../api/bills'
import { Money } from '../Money'

type Totals = BillDocument['totals']

/** "8.5" → "8.5%" in the reader's language. */
function percent(rate: string, lang: string): string {
  const n = Number(rate)
  return Number.isFinite(n) ? new Intl.NumberFormat(lang, { maximumFractionDigits: 4 }).format(n) + '%' : rate
}

/**
 * A bill's figures in the order they are worked out: lines → discount → tax → total; what vouchers and
 * the prepaid balance already covered; the amount due; what was paid and credited; what is left.
 * A statement (prepaid) stops at what its balances covered.
 */
export function BillTotals({ doc }: { doc: BillDocument }) {
  const { t, i18n } = useTranslation()
  const totals: Totals = doc.totals
  const money = (key: keyof Totals, sign?: '-') => <Money value={totals[key]} asset={doc.currency} sign={sign && !isZero(totals[key]) ? sign : undefined} testId={`bill-${key}`} />
  const rows: { key: string; label: string; value: ReactNode; strong?: boolean }[] = [
    { key: 'subtotal', label: t('bills.totals.subtotal'), value: money('subtotal') },
    ...(isZero(totals.discount) ? [] : [{ key: 'discount', label: t('bills.totals.discount', { rate: percent(totals.discountRate, i18n.language) }), value: money('discount', '-') }]),
    ...(isZero(totals.tax) && isZero(totals.taxRate) ? [] : [{ key: 'tax', label: t('bills.totals.tax', { rate: percent(totals.taxRate, i18n.language) }), value: money('tax') }]),
    { key: 'total', label: t('bills.totals.total'), value: money('total'), strong: true },
    { key: 'coveredGift', label: t('bills.totals.coveredGift'), value: money('coveredGift', '-') },
    { key: 'coveredCash', label: t('bills.totals.coveredCash'), value: money('coveredCash', '-') },
  ]
  if (doc.kind === 'bill') {
    rows.push(
      { key: 'amountDue', label: t('bills.totals.amountDue'), value: money('amountDue'), strong: true },
      { key: 'paid', label: t('bills.totals.paid'), value: money('paid', '-') },
      { key: 'credited', label: t('bills.totals.credited'), value: money('credited', '-') },
      { key: 'outstanding', label: t('bills.totals.outstanding'), value: money('outstanding'), strong: true },
    )
  }
  return (
    <Card variant="borderless" className="cd-card" title={t('bills.totals.title')} data-testid="bill-totals">
      <Descriptions column={1} size="small" bordered>
        {rows.map((r) => (
          <Descriptions.Item key={r.key} label={r.strong ? <Typography.Text strong>{r.label}</Typography.Text> : r.label}>
            <div style={{ textAlign: 'right', fontWeight: r.strong ? 600 : undefined }}>{r.value}</div>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  )
}
