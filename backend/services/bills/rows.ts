/**
 * Rows of the bill tables as the pg driver returns them (database/migrations/0062): bigint
 * amounts and ids as decimal strings, rates (numeric) as strings, timestamps as Dates.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BillStatus } from '#contract/bills'
import { NotFound } from '#exceptions/domain_errors'

export type BillRow = {
  id: string
  number: string
  org_id: string
  period_start: Date
  period_end: Date
  cycle: 'monthly' | 'custom'
  currency: string
  subtotal: string
  discount_rate: string
  discount: string
  tax_rate: string
  tax: string
  total: string
  covered_gift: string
  covered_cash: string
  amount_due: string
  paid: string
  credited: string
  arrears: string
  status: BillStatus
  invoice_status: 'none' | 'requested' | 'issued'
  generated_at: Date
  issued_at: Date | null
  sent_at: Date | null
  due_at: Date | null
  settled_at: Date | null
  closed_at: Date | null
  voided_at: Date | null
  reopened_at: Date | null
  overdue_at: Date | null
}

export type BillLineRow = {
  id: string
  bill_id: string
  position: number
  kind: 'usage' | 'hold_capture' | 'adjustment' | 'other'
  model_id: string | null
  description: { 'en': string; 'zh-CN': string }
  quantity: string
  unit: string | null
  requests: string
  amount: string
  cost: string
}

/** What is still to be paid on a bill (never below zero). */
export function outstanding(bill: Pick<BillRow, 'amount_due' | 'paid' | 'credited'>): bigint {
  const rest = BigInt(bill.amount_due) - BigInt(bill.paid) - BigInt(bill.credited)
  return rest > 0n ? rest : 0n
}

/** The bill row locked for the caller's transaction (404 when it does not exist). */
export async function lockBill(trx: TransactionClientContract, id: number | string): Promise<BillRow> {
  const bill = /^\d{1,18}$/.test(String(id)) ? await trx.from('bills').where('id', id).forUpdate().first() : null
  if (!bill) throw new NotFound('Bill not found')
  return bill
}
