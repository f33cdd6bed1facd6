/** The portal's view of invoices: what the customer asked for, where it stands, the orders by their numbers. */
import db from '@adonisjs/lucid/services/db'
import { formatUnits, LEDGER_SCALE } from '#contract/money'
import type { InvoiceRow } from './rows.js'

function present(row: InvoiceRow, numbers: Map<number, string>) {
  const orderIds = row.order_ids.map(Number)
  return {
    id: Number(row.id),
    title: row.title,
    tax_id: row.tax_id,
    invoice_type: row.invoice_type,
    amount: formatUnits(row.amount, LEDGER_SCALE),
    currency: row.currency,
    bill_ids: row.bill_ids.map(Number),
    order_ids: orderIds,
    order_numbers: orderIds.map((id) => numbers.get(id) ?? String(id)),
    email: row.email,
    address: row.address,
    remark: row.remark,
    status: row.status,
    invoice_number: row.invoice_number,
    has_file: row.file_id !== null,
    issued_at: row.issued_at,
    rejected_reason: row.rejected_reason,
    created_at: row.created_at,
  }
}

/** Invoices for the portal, with one query for the numbers of the orders they cover. */
export async function presentPortalInvoices(rows: InvoiceRow[]) {
  const ids = [...new Set(rows.flatMap((r) => r.order_ids.map(Number)))]
  const orders = ids.length ? await db.from('orders').whereIn('id', ids).select('id', 'number') : []
  const numbers = new Map(orders.map((o) => [Number(o.id), String(o.number)]))
  return rows.map((row) => present(row, numbers))
}
