/**
 * The BillDocument (backend/contract/bills.ts) a bill's page, the portal and the PDF are drawn
 * from: a postpaid bill as stored (its lines fixed at issue, payments, credit notes), or a prepaid
 * customer's monthly statement computed from the ledger (usage by model, holds captured,
 * adjustments — for reading and export, not for payment). Reading only.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import type { BillDocument } from '#contract/bills'
import { fromUnits } from '#services/ledger/amounts'
import { NotFound } from '#exceptions/domain_errors'
import { computePeriod } from './compute.js'
import { monthPeriod } from './periods.js'
import { outstanding } from './rows.js'

/** Who issues the bills (set BILL_ISSUER_NAME / BILL_ISSUER_ADDRESS in the environment). */
export const issuer = () => ({ name: process.env.BILL_ISSUER_NAME ?? 'Creditdesk', address: process.env.BILL_ISSUER_ADDRESS ?? '' })

async function customerOf(client: QueryClientContract, customerId: number | string): Promise<BillDocument['customer']> {
  const c = await client.from('customers').where('id', customerId).first()
  if (!c) throw new NotFound('Customer not found')
  const kyc = await client.from('org_kyc_reviews').where({ org_id: customerId, status: 'approved' }).orderBy('id', 'desc').first()
  return { id: Number(c.id), name: c.org_name ?? kyc?.legal_name ?? c.nickname ?? c.email, email: c.email, address: c.org_address ?? null, taxId: kyc?.registration_number ?? null }
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)
const text = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as { 'en': string; 'zh-CN': string }

export async function billDocument(client: QueryClientContract, billId: number | string): Promise<BillDocument> {
  const bill = /^\d{1,18}$/.test(String(billId)) ? await client.from('bills').where('id', billId).first() : null
  if (!bill) throw new NotFound('Bill not found')
  // one after the other: `client` may be a transaction, which runs one query at a time
  const customer = await customerOf(client, bill.org_id)
  const lines = await client.from('bill_lines').where('bill_id', bill.id).orderBy('position')
  const payments = await client
    .from('bill_payments as p')
    .join('orders as o', 'o.id', 'p.order_id')
    .where('p.bill_id', bill.id)
    .orderBy('p.id')
    .select('p.created_at', 'p.amount', 'o.channel', 'o.channel_order_id', 'o.number')
  const notes = await client.from('credit_notes').where('bill_id', bill.id).orderBy('id')
  return {
    kind: 'bill',
    number: bill.number,
    status: bill.status,
    currency: bill.currency,
    period: { start: iso(bill.period_start)!, end: iso(bill.period_end)!, zone: 'UTC' },
    issuedAt: iso(bill.issued_at),
    dueAt: iso(bill.due_at),
    customer,
    issuer: issuer(),
    lines: lines.map((l) => ({ id: Number(l.id), kind: l.kind, description: text(l.description), quantity: String(l.quantity), unit: l.unit, requests: String(l.requests), amount: fromUnits(l.amount) })),
    totals: {
      subtotal: fromUnits(bill.subtotal),
      discountRate: String(bill.discount_rate),
      discount: fromUnits(bill.discount),
      taxRate: String(bill.tax_rate),
      tax: fromUnits(bill.tax),
      total: fromUnits(bill.total),
      coveredGift: fromUnits(bill.covered_gift),
      coveredCash: fromUnits(bill.covered_cash),
      amountDue: fromUnits(bill.amount_due),
      paid: fromUnits(bill.paid),
      credited: fromUnits(bill.credited),
      outstanding: fromUnits(['voided', 'closed'].includes(bill.status) ? 0n : outstanding(bill)),
    },
    payments: payments.map((p) => ({ date: iso(p.created_at)!, amount: fromUnits(p.amount), method: p.channel, reference: p.channel_order_id ?? p.number })),
    creditNotes: notes.map((n) => ({ number: n.number, date: iso(n.created_at)!, amount: fromUnits(n.amount), reason: n.reason, settlement: n.settlement })),
  }
}

/** A prepaid customer's statement of a month (YYYY-MM, UTC); 404 for a month that is not one. */
export async function statementDocument(client: QueryClientContract, customerId: number, month: string): Promise<BillDocument> {
  const period = monthPeriod(month)
  if (!period) throw new NotFound('Statements are per month: YYYY-MM')
  const customer = await customerOf(client, customerId)
  const computed = await computePeriod(client, customerId, period)
  const zero = fromUnits(0n)
  return {
    kind: 'statement',
    number: `ST-${customerId}-${month.replace('-', '')}`,
    status: null,
    currency: creditdesk.asset,
    period: { start: period.start.toISOString(), end: period.end.toISOString(), zone: 'UTC' },
    issuedAt: null,
    dueAt: null,
    customer,
    issuer: issuer(),
    lines: computed.lines.map((l) => ({ id: null, kind: l.kind, description: l.description, quantity: l.quantity, unit: l.unit, requests: l.requests.toString(), amount: fromUnits(l.amount) })),
    totals: {
      subtotal: fromUnits(computed.subtotal),
      discountRate: '0',
      discount: zero,
      taxRate: '0',
      tax: zero,
      total: fromUnits(computed.subtotal),
      coveredGift: fromUnits(computed.coveredGift),
      coveredCash: fromUnits(computed.coveredCash),
      amountDue: fromUnits(computed.onCredit),
      paid: zero,
      credited: zero,
      outstanding: fromUnits(computed.onCredit),
    },
    payments: [],
    creditNotes: [],
  }
}
