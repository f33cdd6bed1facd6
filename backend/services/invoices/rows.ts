/**
 * Invoice rows as the pg driver returns them (database/migrations/0062): bigint columns and the
 * bigint[] links arrive as decimal strings. `amount` is in units of 10⁻⁶ of `currency`, like bills.
 */
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
