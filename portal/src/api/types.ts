import type { LedgerType } from '@creditdesk/contract/ledger_types'
import { ORDER_STATUSES as ORDER_STATUS_OPTIONS, valuesOf, type OrderStatus } from '@creditdesk/contract/statuses'
import type { TransactionDetails } from '@creditdesk/contract/wallet'

export type { FieldError } from '@creditdesk/contract/errors'
export type { OrderStatus }

export interface PortalUser {
  id: number | string
  email: string
  nickname: string | null
  phone: string | null
  type: string | null
  tier: string | null
  verification_status: string | null
  created_at: string | null
  last_login_at: string | null
}

export interface PortalSession {
  id: number | string
  ip: string | null
  user_agent: string | null
  created_at: string | null
  last_seen_at: string | null
  current: boolean
}

/** Decimal string with 6 decimals, e.g. "10.000000". Never a JS number. */
export type DecimalString = string

export interface GiftLot {
  id: number | string
  source_type: string | null
  amount: DecimalString
  remaining: DecimalString
  expires_at: string | null
  granted_at: string | null
}

export interface Wallet {
  asset: string
  cash: DecimalString
  gift: DecimalString
  total: DecimalString
  /** What the customer owes (money the payment provider took back after it was spent); "0.000000" when nothing. */
  arrears?: DecimalString
  /** Reserved for jobs still running (credit holds), charged or returned when they finish. */
  held?: DecimalString
  gift_lots: GiftLot[]
}

export interface WalletTransaction {
  id: number | string
  created_at: string
  /** One of the contract's ledger types (a newer server may send one this build does not know). */
  type: LedgerType | (string & {})
  amount: DecimalString
  reference_type: string | null
  reference_id: string | number | null
  memo: string | null
  /** What the server resolved of the reference for the customer (backend/services/portal/transaction_details.ts). */
  details?: TransactionDetails
}

export type { TransactionDetails }

export interface TransactionQuery {
  /** 0-based offset and exclusive end, as in the simple-rest contract */
  start: number
  end: number
  types?: string[]
  /** ISO timestamps, inclusive */
  from?: string | null
  to?: string | null
}

export interface TransactionPage {
  rows: WalletTransaction[]
  total: number
}

/** What a successful redemption tells us (the server's shape varies a little: see api/portal.ts). */
export interface RedeemResult {
  message: string | null
  amount: DecimalString | null
  asset: string | null
  bucket: 'cash' | 'gift' | null
  expiresAt: string | null
  /** the customer had already redeemed this very code: nothing new was credited */
  replayed: boolean
  wallet: Wallet | null
}

/** GET /plans: what can be bought. `price` is a decimal string in `currency`; `credits` (6 decimals) is what lands in the wallet. */
export interface Plan {
  id: number
  code: string
  name: string
  description: string | null
  /** zh-CN texts; null when staff left them empty (the English ones are shown) */
  name_zh?: string | null
  description_zh?: string | null
  currency: string
  /** "9.90" — never a JS number */
  price: string
  /** the price in minor units (990), as Stripe sees it; display uses `price` */
  unit_amount: number
  credits: DecimalString
  asset: string
}

/** What an order can be (the contract's list; refunds have their own statuses). */
export const ORDER_STATUSES = valuesOf(ORDER_STATUS_OPTIONS) as OrderStatus[]

export interface Order {
  /** the order number ("R20261122-000123"), also used in URLs */
  id: string
  number: string
  status: OrderStatus | (string & {})
  channel: 'stripe' | 'bank_transfer' | 'cash' | (string & {})
  plan_name: string | null
  plan_name_zh?: string | null
  currency: string
  /** what was charged, "9.90" */
  amount: string
  credits: DecimalString
  asset: string
  /** the credits have been added to the wallet */
  credited: boolean
  refunded_amount: string
  failure_reason?: string | null
  /** FAILED only: what kind of failure, for words in the customer's language */
  failure_kind?: 'checkout_unavailable' | 'session_expired' | 'payment_failed' | null
  /** PENDING only: where the customer can finish paying */
  checkout_url?: string | null
  created_at: string | null
  paid_at: string | null
  expires_at?: string | null
}

export interface CheckoutStart {
  order: Order | null
  checkout_url: string
}

export interface OrderQuery {
  start: number
  end: number
  statuses?: string[]
  from?: string | null
  to?: string | null
  number?: string | null
}

export interface OrderPage {
  rows: Order[]
  total: number
}
