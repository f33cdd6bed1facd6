import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatDecimal, isZero, parseDecimal, type Asset } from '../lib/money'

const MINUS = '\u2212'

/**
 * An amount with its unit: "$1,234.50", "1,500 credits". `sign` adds "+" or "−" in front (for history rows, where
 * the transaction type gives the direction and the amount is a magnitude).
 */
export function formatMoney(t: TFunction, value: string | null | undefined, asset: Asset | null, sign?: '+' | '-'): string {
  const amount = formatDecimal(value, asset ?? '', { abs: !!sign })
  const d = parseDecimal(value)
  const one = !!d && d.int === '1' && d.frac === ''
  const key = asset === 'USD' || asset === 'CREDIT' ? `money.${asset}` : 'money.other'
  // Unknown asset (wallet not loaded): the number alone.
  const text = asset ? t(key, { amount, asset, count: one ? 1 : 2 }) : amount
  if (!sign || isZero(value)) return text
  return `${sign === '-' ? MINUS : '+'}${text}`
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
