/**
 * Ledger accounts: a customer's cash and gift buckets and the platform's system accounts,
 * created on first use (race-safe through the unique index).
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import { sqlBindings } from '#services/sql_bindings'

export const SYSTEM_ACCOUNTS = [
  'payment_clearing',
  'promotion_expense',
  'code_liability',
  'usage_revenue',
  'refunds',
  'refund_pending',
  // the other side of finance's manual cash adjustments (cash_adjustments.ts)
  'cash_adjustments',
  // tax charged on postpaid bills, owed to the tax authority (services/bills/issue_postings.ts)
  'tax_payable',
] as const
export type SystemAccount = (typeof SYSTEM_ACCOUNTS)[number]
export type Bucket = 'cash' | 'gift'

/**
 * What a customer owes the platform (money the provider took back after it was spent). A
 * receivable: its balance is ≤ 0 (a CHECK), the amount owed is its negation, and its credit
 * limit is unbounded so the cash/gift overdraft rule never applies to it. See arrears.ts.
 */
export const ARREARS = 'arrears'
const UNBOUNDED = '9223372036854775807'

/** Shards per system account (see the 0006c migration). */
export const SYSTEM_SHARDS = 16

async function ensure(client: QueryClientContract, ownerType: 'customer' | 'system', ownerId: number | null, code: string, shard = 0, creditLimit = '0') {
  const asset = creditdesk.asset
  const find = () =>
    client
      .from('ledger_accounts')
      .where({ owner_type: ownerType, code, asset, shard })
      .where((q) => (ownerId === null ? q.whereNull('owner_id') : q.where('owner_id', ownerId)))
      .first()
  const found = await find()
  if (found) return Number(found.id)
  await client.rawQuery(
    `INSERT INTO ledger_accounts (owner_type, owner_id, code, asset, shard, credit_limit) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (owner_type, COALESCE(owner_id, 0), code, asset, shard) DO NOTHING`,
    sqlBindings([ownerType, ownerId, code, asset, shard, creditLimit])
  )
  return Number((await find()).id)
}

export function customerAccount(client: QueryClientContract, customerId: number, bucket: Bucket) {
  return ensure(client, 'customer', customerId, bucket)
}

export function arrearsAccount(client: QueryClientContract, customerId: number) {
  return ensure(client, 'customer', customerId, ARREARS, 0, UNBOUNDED)
}

/** A shard of a system account, picked at random so concurrent postings rarely share a row. */
export function systemAccount(client: QueryClientContract, code: SystemAccount) {
  return ensure(client, 'system', null, code, Math.floor(Math.random() * SYSTEM_SHARDS))
}
