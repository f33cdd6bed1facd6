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
