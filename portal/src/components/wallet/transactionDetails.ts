import type { TFunction } from 'i18next'
import { customerSign, isLedgerType, LEDGER_TYPES } from '@creditdesk/contract/ledger_types'
import type { WalletTransaction } from '../../api/types'
import { localized } from '../plans/localized'

/** The customer-facing name of a ledger type, in the UI language (the contract holds both); a type it does not know is "other". */
export function transactionTypeName(t: TFunction, type: string, language: string): string {
  return isLedgerType(type) ? localized(LEDGER_TYPES[type].customerLabel, language) : t('wallet.history.otherType')
}

/** "+", "−" or nothing: which way the row moved the customer's balance (the contract's direction for its type). */
export function transactionSign(tx: Pick<WalletTransaction, 'type' | 'amount'>): '+' | '-' | undefined {
  const sign = customerSign(tx.type, tx.amount)
  return sign > 0 ? '+' : sign < 0 ? '-' : undefined
}

/**
 * What a row is about, in words the customer knows, from what the server resolved of its reference
 * (`details`): the order number and plan, the code's last four characters, the promotion's name, where
 * expired gift balance came from, what a reversal undid. Never the staff memo (English, internal ids);
 * null when there is nothing to add to the type.
 */
export function transactionDescription(t: TFunction, tx: WalletTransaction, language: string): string | null {
  const d = tx.details ?? {}
  if (d.reversed_type) return t('wallet.details.reversal', { type: transactionTypeName(t, d.reversed_type, language) })
  if (d.order_number && tx.reference_type === 'refund') return t('wallet.details.refund', { number: d.order_number })
  if (d.order_number) {
    const plan = language === 'zh-CN' ? d.plan_name_zh || d.plan_name : d.plan_name
    return plan ? t('wallet.details.orderPlan', { number: d.order_number, plan }) : t('wallet.details.order', { number: d.order_number })
  }
  if (d.code_last4) return t('wallet.details.code', { last4: d.code_last4 })
  if (d.campaign_name) return t('wallet.details.campaign', { name: d.campaign_name })
  if (d.source_type) return t('wallet.details.giftLot', { source: t(`wallet.sources.${d.source_type}`, { defaultValue: t('wallet.sources.unknown') }) })
  if (tx.type === 'correction') return t('wallet.details.correction')
  return null
}
