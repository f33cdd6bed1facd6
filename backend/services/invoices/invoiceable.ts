/**
 * What a customer may have invoiced (发票, issue 12 §4): money they actually paid, once.
 *
 * - A bill: what was paid on it (`paid`) less what credit notes refunded to them; only once the
 *   bill is settled or closed (a later payment would otherwise never be invoiced) and only while
 *   its `invoice_status` is `none`.
 * - A recharge order: the amount paid less what was refunded; paid orders only, no refund under
 *   review, and not an order that paid a bill (that money is invoiced through the bill).
 *
 * The records are locked (FOR UPDATE) in the caller's transaction before they are checked, so two
 * requests naming the same record queue and the second sees the first's invoice. Records of
 * another account are indistinguishable from missing ones (404).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { CURRENCY_SCALE } from '#config/payments'
import { LEDGER_SCALE } from '#contract/money'
import { Conflict, InvalidInput, NotFound } from '#exceptions/domain_errors'
import { LIVE_INVOICE_STATUSES } from './rows.js'

export interface Invoiceable {
  amount: bigint
  currency: string
  billIds: number[]
  orderIds: number[]
}

const INVOICEABLE_BILL_STATUSES = ['settled', 'closed']
const INVOICEABLE_ORDER_STATUSES = ['PAID', 'PARTIALLY_REFUNDED']

async function billsPart(trx: TransactionClientContract, customerId: number, ids: number[]) {
  if (!ids.length) return []
  const rows = await trx.from('bills').where('org_id', customerId).whereIn('id', ids).orderBy('id').forUpdate().select('id', 'number', 'status', 'currency', 'paid', 'invoice_status')
  const missing = ids.filter((id) => !rows.some((r) => Number(r.id) === id))
  if (missing.length) throw new NotFound(`Bill not found: ${missing.join(', ')}`)
  const refunded = await trx
    .from('credit_notes')
    .whereIn('bill_id', ids)
    .where('settlement', 'refund')
    .groupBy('bill_id')
    .select('bill_id', trx.raw('sum(amount)::text as refunded'))
  return rows.map((bill) => {
    if (bill.invoice_status !== 'none') throw new Conflict(`Bill ${bill.number} is already invoiced (${bill.invoice_status})`)
    if (!INVOICEABLE_BILL_STATUSES.includes(bill.status)) throw new Conflict(`Bill ${bill.number} is not settled yet: an invoice covers a bill once it is paid in full`)
    const back = BigInt(refunded.find((r) => Number(r.bill_id) === Number(bill.id))?.refunded ?? 0)
    const amount = BigInt(bill.paid) - back
    if (amount <= 0n) throw new Conflict(`Nothing was paid on bill ${bill.number}, so there is nothing to invoice`)
    return { id: Number(bill.id), amount, currency: String(bill.currency) }
  })
}

async function ordersPart(trx: TransactionClientContract, customerId: number, ids: number[]) {
  if (!ids.length) return []
  const rows = await trx
    .from('orders')
    .where('customer_id', customerId)
    .whereIn('id', ids)
    .orderBy('id')
    .forUpdate()
    .select('id', 'number', 'status', 'currency', 'amount', 'refunded_amount', 'bill_id')
  const missing = ids.filter((id) => !rows.some((r) => Number(r.id) === id))
  if (missing.length) throw new NotFound(`Order not found: ${missing.join(', ')}`)
  const invoiced = await trx
    .from('invoices')
    .whereIn('status', [...LIVE_INVOICE_STATUSES])
    .whereRaw(`order_ids && ARRAY[${ids.map(() => '?').join(', ')}]::bigint[]`, ids)
    .select('order_ids')
  const reviewed = await trx.from('refunds').whereIn('order_id', ids).whereIn('status', ['REQUESTED', 'PROCESSING']).select('order_id')
  const scale = 10n ** BigInt(LEDGER_SCALE - CURRENCY_SCALE)
  return rows.map((order) => {
    if (invoiced.some((i) => i.order_ids.map(Number).includes(Number(order.id)))) throw new Conflict(`Order ${order.number} is already invoiced`)
    if (order.bill_id !== null) throw new Conflict(`Order ${order.number} paid a bill: request the invoice on the bill`)
    if (!INVOICEABLE_ORDER_STATUSES.includes(order.status)) throw new Conflict(`Order ${order.number} is ${String(order.status).toLowerCase()}: only paid orders can be invoiced`)
    if (reviewed.some((r) => Number(r.order_id) === Number(order.id))) throw new Conflict(`Order ${order.number} has a refund under way`)
    const amount = (BigInt(order.amount) - BigInt(order.refunded_amount ?? 0)) * scale
    if (amount <= 0n) throw new Conflict(`Nothing is left to invoice on order ${order.number}`)
    return { id: Number(order.id), amount, currency: String(order.currency) }
  })
}

/** Locks and prices the named records of `customerId`; refuses any that cannot be invoiced. */
export async function invoiceable(trx: TransactionClientContract, customerId: number, billIds: number[], orderIds: number[]): Promise<Invoiceable> {
  // bills before orders, each in id order: concurrent requests lock in one order
  const parts = [...(await billsPart(trx, customerId, billIds)), ...(await ordersPart(trx, customerId, orderIds))]
  const currencies = [...new Set(parts.map((p) => p.currency))]
  if (currencies.length > 1) {
    throw new InvalidInput([{ field: 'bill_ids', message: `These records are in different currencies (${currencies.join(', ')}): request one invoice per currency`, rule: 'currency' }])
  }
  return { amount: parts.reduce((sum, p) => sum + p.amount, 0n), currency: currencies[0], billIds, orderIds }
}

/** Order numbers of `customerId` → their ids (another account's number is not found). */
export async function orderIdsOf(trx: TransactionClientContract, customerId: number, numbers: string[]): Promise<number[]> {
  if (!numbers.length) return []
  const rows = await trx.from('orders').where('customer_id', customerId).whereIn('number', numbers).select('id', 'number')
  const missing = numbers.filter((n) => !rows.some((r) => r.number === n))
  if (missing.length) throw new NotFound(`Order not found: ${missing.join(', ')}`)
  return rows.map((r) => Number(r.id))
}
