import type { TFunction } from 'i18next'
import { TRANSACTION_TYPES } from '../api/types'
import { humanize } from './format'

export type Direction = 'in' | 'out' | 'neutral'

/**
 * Which way money moved for each transaction type, from the customer's point of view. Amounts on the wire are
 * magnitudes; the type says the direction. A reversal undoes an earlier transaction whose direction this row does
 * not carry, so it is shown without a sign.
 */
const DIRECTIONS: Record<string, Direction> = {
  recharge: 'in',
  redeem: 'in',
  voucher_grant: 'in',
  usage_charge: 'out',
  voucher_expiry: 'out',
  refund: 'out',
  reversal: 'neutral',
  // money the payment provider took back, and what settles or undoes it
  provider_refund: 'out',
  provider_refund_restore: 'in',
  dispute_loss: 'out',
  arrears_settlement: 'out',
}

/** antd Tag colours per type. */
const COLORS: Record<string, string> = {
  recharge: 'green',
  redeem: 'cyan',
  voucher_grant: 'purple',
  voucher_expiry: 'orange',
  usage_charge: 'blue',
  refund: 'gold',
  reversal: 'default',
  provider_refund: 'red',
  provider_refund_restore: 'lime',
  dispute_loss: 'red',
  arrears_settlement: 'geekblue',
}

export function transactionDirection(type: string): Direction {
  return DIRECTIONS[type] ?? 'neutral'
}

export function transactionColor(type: string): string {
  return COLORS[type] ?? 'default'
}

export function transactionTypeLabel(t: TFunction, type: string): string {
  return t(`wallet.types.${type}`, { defaultValue: humanize(type) })
}

export const FILTERABLE_TYPES: readonly string[] = TRANSACTION_TYPES
