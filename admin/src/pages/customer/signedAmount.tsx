import type { BaseRecord } from '@refinedev/core'
import { Typography } from 'antd'
import { customerSign } from '@creditdesk/contract/ledger_types'
import { formatMoney } from '@creditdesk/contract/money'

/**
 * A ledger transaction's amount as the customer's balance saw it: "+$5.00" for credits, "−$1.25"
 * for debits, from the contract's direction of its type (a magnitude) or the stored sign (reversals,
 * corrections, cash adjustments). A type the contract does not know keeps no sign rather than a guess.
 */
export function signedAmountText(record: BaseRecord, currency: string | undefined, locale: string): { text: string; sign: 1 | -1 | 0 } {
  const amount = record.amount === null || record.amount === undefined ? '' : String(record.amount)
  const sign = customerSign(String(record.type ?? ''), amount)
  const magnitude = amount.replace(/^[-+]/, '')
  const text = formatMoney(magnitude, currency, { locale, sign: sign === 1 ? 'credit' : sign === -1 ? 'debit' : 'never' })
  return { text, sign }
}

export function SignedAmount({ record, currency, locale }: { record: BaseRecord; currency?: string; locale: string }) {
  const { text, sign } = signedAmountText(record, currency, locale)
  return (
    <Typography.Text
      data-sign={sign}
      type={sign === -1 ? 'danger' : sign === 1 ? 'success' : undefined}
      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
    >
      {text}
    </Typography.Text>
  )
}
