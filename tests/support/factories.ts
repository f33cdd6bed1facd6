/**
 * Business records for tests, built through the same paths the product uses where money is
 * involved (a credited order goes through creditOrder, a code through generateCodes), so the
 * ledger invariants hold after every test. Customers and staff: fixtures.ts.
 */
import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR } from '#services/audit'
import { creditOrder } from '#services/orders/credit_order'
import { generateCodes, type GenerateInput } from '#services/codes/generate'
import type { OrderRow } from '#services/orders/rows'
import type { RedemptionCodeRow } from '#services/codes/rows'
import { isPaid } from '#services/orders/vocabulary'
import { createCustomer } from './fixtures.js'
import { fundCash, fundGift, units } from './ledger.js'

/** An order as a channel would have left it (pending bank transfer unless overridden); amounts in minor / ledger units. */
export async function createOrder(customerId: number, overrides: Partial<Record<keyof OrderRow, unknown>> = {}) {
  const paid = isPaid(String(overrides.status ?? 'PENDING'))
  const [row] = await db
    .table('orders')
    .insert({
      customer_id: customerId,
      channel: 'bank_transfer',
      currency: 'USD',
      amount: 1000,
      grant_amount: 10_000_000,
      expires_at: new Date(Date.now() + 3600_000),
      ...(paid ? { paid_at: new Date() } : {}),
      ...overrides,
    })
    .returning('*')
  return row as OrderRow
}

/** A paid order whose recharge is posted (the customer's cash holds its grant). */
export async function creditedOrder(customerId: number, overrides: Partial<Record<keyof OrderRow, unknown>> = {}) {
  const order = await createOrder(customerId, { status: 'PAID', ...overrides })
  return db.transaction(async (trx) => (await creditOrder(trx, order, SYSTEM_ACTOR)).order)
}

/** Redemption codes (plain codes returned once, as to the console) and their rows. */
export async function createCodes(input: Partial<GenerateInput> & { amount?: bigint } = {}) {
  const batch = await db.transaction((trx) => generateCodes(trx, { count: 1, amount: units('10'), bucket: 'cash', ...input }, null))
  const rows: RedemptionCodeRow[] = await db.from('redemption_codes').where('batch_id', batch.batchId).orderBy('id')
  return { ...batch, rows }
}

/** A customer with money in their wallet: `cash` and `gift` as decimal strings in the balance unit. */
export async function fundedCustomer(wallet: { cash?: string; gift?: string; giftExpiresAt?: Date | null } = {}, overrides: Record<string, unknown> = {}) {
  const customer = await createCustomer(overrides)
  if (wallet.cash) await fundCash(customer.id, wallet.cash)
  if (wallet.gift) await fundGift(customer.id, wallet.gift, wallet.giftExpiresAt ?? null)
  return customer
}
