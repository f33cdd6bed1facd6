import i18next, { type TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatMoney as formatAmount, parseDecimal, type SignDisplay } from '@creditdesk/contract/money'

/** The ledger's units: a currency (USD) or credits; an unknown asset is shown with its code. */
export type Asset = string

const signDisplay = (sign?: '+' | '-'): SignDisplay => (sign === '+' ? 'credit' : sign === '-' ? 'debit' : 'auto')

/**
 * What the customer holds, in the ledger's one unit (config/creditdesk.ts `asset`): "$1,234.50" /
 * "US$1,234.50" for a currency, "1,500 credits" / "1,500 积分" for credits. Balances, plan grants,
 * order credits, redemptions and history rows all go through here, so the unit never changes between
 * screens. `sign` marks a movement: the amount is then shown as a magnitude with "+" or "−" (none for zero).
 * The number rules (precision, grouping, the minus sign) are the contract's.
 */
export function formatMoney(t: TFunction, value: string | null | undefined, asset: Asset | null, sign?: '+' | '-'): string {
  const options = { locale: i18next.language || 'en', sign: signDisplay(sign) }
  const d = parseDecimal(value)
  // Credits are a word of the interface ("1,500 credits", "1,500 积分"); currencies and other codes are Intl's.
  if (asset?.toUpperCase() !== 'CREDIT' || !d) return formatAmount(value, asset, options)
  return t('money.CREDIT', { amount: formatAmount(value, null, options), count: d.int === '1' && d.frac === '' ? 1 : 2 })
}

/** A price in a payment currency ("$9.90", "US$9.90" in zh-CN): what is paid, as opposed to what is held. */
export function formatPrice(value: string | null | undefined, currency: string | null | undefined): string {
  return formatAmount(value, currency, { locale: i18next.language || 'en' })
}

export function Money({
  value,
  asset,
  sign,
  className,
  testId,
}: {
  value: string | null | undefined
  asset: Asset | null
  sign?: '+' | '-'
  className?: string
  testId?: string
}) {
  const { t } = useTranslation()
  return (
    <span className={['cd-money', className].filter(Boolean).join(' ')} data-testid={testId}>
      {formatMoney(t, value, asset, sign)}
    </span>
  )
}
