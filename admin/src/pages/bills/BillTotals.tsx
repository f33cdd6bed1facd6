import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatMoney, isZero, type SignDisplay } from '@creditdesk/contract/money'
import { formatRate } from '../customer/org/orgFormat'
import type { BillDocument } from './billDocument'

type Totals = BillDocument['totals']
interface Row {
  key: keyof Totals
  sign?: SignDisplay
  strong?: boolean
  /** Shown only when it is not zero (a discount, what vouchers covered). */
  optional?: boolean
  rate?: keyof Totals
}

/** The totals in the order the bill adds them up: lines → total → what was covered → due → paid → outstanding. */
const ROWS: Row[] = [
  { key: 'subtotal' },
  { key: 'discount', sign: 'debit', optional: true, rate: 'discountRate' },
  { key: 'tax', sign: 'credit', optional: true, rate: 'taxRate' },
  { key: 'total', strong: true },
  { key: 'coveredGift', sign: 'debit', optional: true },
  { key: 'coveredCash', sign: 'debit', optional: true },
  { key: 'amountDue', strong: true },
  { key: 'paid', sign: 'debit' },
  { key: 'credited', sign: 'debit', optional: true },
  { key: 'outstanding', strong: true },
]

/** The bill's totals block, right-aligned under its lines, from the same document the PDF prints. */
export function BillTotals({ document }: { document: BillDocument }) {
  const { t, i18n } = useTranslation()
  const totals = document.totals
  const owed = !isZero(totals.outstanding)
  return (
    <table className="cd-bill-totals" aria-label={t('bill.totals.title')}>
      <tbody>
        {ROWS.filter((r) => !r.optional || !isZero(totals[r.key])).map((r) => {
          const rate = r.rate ? formatRate(totals[r.rate], i18n.language) : ''
          const danger = r.key === 'outstanding' && owed
          return (
            <tr key={r.key} data-total={r.key} className={r.strong ? 'cd-bill-total-strong' : undefined}>
              <th scope="row">{rate ? t(`bill.totals.${r.key}Rate`, { rate }) : t(`bill.totals.${r.key}`)}</th>
              <td>
                <Typography.Text strong={r.strong} type={danger ? 'danger' : undefined}>
                  {formatMoney(totals[r.key], document.currency, { locale: i18n.language, sign: r.sign ?? 'auto' })}
                </Typography.Text>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
