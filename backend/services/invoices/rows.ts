/**
 * Invoice rows as the pg driver returns them (database/migrations/0062): bigint columns and the
 * bigint[] links arrive as decimal strings. `amount` is in units of 10⁻⁶ of `currency`, like bills.
 */
import { formatUnits, LEDGER_SCALE } from '#contract/money'
import type { InvoiceStatus } from '#contract/bills'

export type InvoiceRow = {
  id: string
  customer_id: string
  requested_by: string | null
  title: string
  tax_id: string
  invoice_type: string
  amount: string
  currency: string
  bill_ids: string[]
  order_ids: string[]
  email: string | null
  address: string | null
  remark: string | null
  status: InvoiceStatus
  invoice_number: string | null
  file_id: string | null
  issued_by: string | null
  issued_at: Date | null
  rejected_reason: string | null
  created_at: Date
  updated_at: Date
}

/** Statuses in which an invoice holds its records (they cannot be invoiced again). */
export const LIVE_INVOICE_STATUSES: readonly InvoiceStatus[] = ['requested', 'issued']

/** The portal's view of an invoice: what the customer asked for and where it stands. */
export function presentPortalInvoice(row: InvoiceRow) {
  return {
    id: Number(row.id),
    title: row.title,
    tax_id: row.tax_id,
    invoice_type: row.invoice_type,
    amount: formatUnits(row.amount, LEDGER_SCALE),
    currency: row.currency,
    bill_ids: row.bill_ids.map(Number),
    order_ids: row.order_ids.map(Number),
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
