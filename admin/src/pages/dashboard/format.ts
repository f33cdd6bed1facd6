import { currencyDigits, formatMoney, toUnits, LEDGER_SCALE } from '@creditdesk/contract/money'
import type { DashboardCardKind } from '@creditdesk/contract/dashboard'

/** A money amount rounded (half away from zero) to the currency's own digits (2 when it has none, e.g. CREDIT), as a decimal string. */
export function roundedAmount(value: string, currency: string): string {
  const digits = Math.min(LEDGER_SCALE, currencyDigits(currency) ?? 2)
  const units = toUnits(value)
  const step = 10n ** BigInt(LEDGER_SCALE - digits)
  const negative = units < 0n
  const magnitude = ((negative ? -units : units) + step / 2n) / step
  const text = magnitude.toString().padStart(digits + 1, '0')
  const decimal = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text
  return negative && magnitude > 0n ? `-${decimal}` : decimal
}

/** How a card's value is written: money at its currency's precision, tokens compact (full figure in `exact`), counts grouped. */
export function cardText(value: string, kind: DashboardCardKind, currency: string, locale: string): { text: string; exact: string } {
  if (kind === 'money') {
    return { text: formatMoney(roundedAmount(value, currency), currency, { locale }), exact: formatMoney(value, currency, { locale }) }
  }
  const exact = new Intl.NumberFormat(locale).format(BigInt(value))
  if (kind === 'tokens') return { text: new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(Number(value)), exact }
  return { text: exact, exact }
}

/** Margin as a percentage of revenue (display only), or null when there was no revenue. */
export function marginRate(margin: string, revenue: string, locale: string): string | null {
  const base = toUnits(revenue)
  if (base === 0n) return null
  const basisPoints = Number((toUnits(margin) * 10_000n) / base)
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(basisPoints / 10_000)
}
