/**
 * Bills, monthly statements and invoices of the acting account (issue 12 §3–4). A bill's page and its
 * PDF are drawn from the same BillDocument (contract/bills.ts); amounts are decimal strings in the
 * bill's currency (the ledger asset).
 */
import type { BillDocument, BillStatus, DisputeStatus, InvoiceStatus } from '@creditdesk/contract/bills'
import { withActingOrg } from './acting'
import { http } from './client'
import type { DecimalString } from './types'

export type { BillDocument, BillStatus }

const listOf = <T>(data: unknown): T[] => (Array.isArray(data) ? data : ((data as { data?: T[] } | null)?.data ?? []))

function totalOf(header: unknown, fallback: number): number {
  if (header === undefined || header === null || header === '') return fallback
  const n = Number(header)
  return Number.isFinite(n) ? n : fallback
}

/** A bill as the list shows it (GET /bills). */
export interface BillRow {
  id: number
  number: string
  period_start: string
  period_end: string
  currency: string
  total: DecimalString
  amount_due: DecimalString
  paid: DecimalString
  credited: DecimalString
  outstanding: DecimalString
  status: BillStatus | (string & {})
  invoice_status: string
  /** past its due date with something left to pay */
  overdue?: boolean
  issued_at: string | null
  due_at: string | null
}

/** GET /bills: newest period first (the server's order), optionally of one status; X-Total-Count. */
export async function listBills(q: { start: number; end: number; status?: string | null }): Promise<{ rows: BillRow[]; total: number }> {
  const params = new URLSearchParams({ _start: String(q.start), _end: String(q.end) })
  if (q.status) params.set('status', q.status)
  const response = await http.get('/bills', { params })
  const rows = listOf<BillRow>(response.data)
  return { rows, total: totalOf(response.headers['x-total-count'], q.start + rows.length) }
}

export interface BillDispute {
  id: number
  bill_line_id: number
  amount: DecimalString
  reason: string
  status: DisputeStatus | (string & {})
  resolution: string | null
  created_at: string | null
  resolved_at: string | null
}

/** GET /bills/:id: the bill's document with its id, status and disputes. */
export type BillDetail = BillDocument & { id: number; status: BillStatus | null; disputes: BillDispute[] }

export async function fetchBill(id: number | string): Promise<BillDetail> {
  const { data } = await http.get<BillDetail>(`/bills/${encodeURIComponent(String(id))}`)
  return { ...data, disputes: Array.isArray(data.disputes) ? data.disputes : [] }
}

/** POST /bills/:id/pay { amount } → the payment page to send the browser to. */
export async function payBill(id: number, amount: DecimalString): Promise<string> {
  const { data } = await http.post<{ checkout_url?: string }>(`/bills/${id}/pay`, { amount })
  return typeof data?.checkout_url === 'string' ? data.checkout_url : ''
}

export async function openDispute(id: number, input: { bill_line_id: number; amount: DecimalString; reason: string }): Promise<void> {
  await http.post(`/bills/${id}/disputes`, input)
}

const pdfLang = (lang: string) => (lang === 'zh-CN' ? 'zh-CN' : 'en')

/** The bill as a PDF in the reader's language (a link the browser opens: it names the acting organization). */
export function billPdfUrl(id: number | string, lang: string): string {
  return withActingOrg(`/api/portal/bills/${encodeURIComponent(String(id))}/pdf?_lang=${pdfLang(lang)}`)
}

/** GET /statements/:month (YYYY-MM): what a prepaid account was charged that month. */
export async function fetchStatement(month: string): Promise<BillDocument> {
  const { data } = await http.get<BillDocument>(`/statements/${month}`)
  return data
}

export function statementPdfUrl(month: string, lang: string): string {
  return withActingOrg(`/api/portal/statements/${month}/pdf?_lang=${pdfLang(lang)}`)
}

/** An invoice request and, once issued, its number and file (GET /invoices). */
export interface Invoice {
  id: number
  title: string
  tax_id: string
  invoice_type: string
  amount: DecimalString
  currency: string
  bill_ids: number[]
  order_ids: number[]
  /** the orders' numbers, when the server names them */
  order_numbers?: string[]
  email: string | null
  address: string | null
  remark: string | null
  status: InvoiceStatus | (string & {})
  invoice_number: string | null
  rejected_reason: string | null
  created_at: string | null
  issued_at: string | null
}

export interface InvoiceRequest {
  title: string
  tax_id: string
  invoice_type: string
  bill_ids?: number[]
  /** the orders (recharges) by number, as the portal knows them */
  order_numbers?: string[]
  email?: string
  address?: string
  remark?: string
}

export async function listInvoices(): Promise<Invoice[]> {
  const { data } = await http.get('/invoices', { params: { _sort: 'id', _order: 'desc' } })
  return listOf<Invoice>(data)
}

export async function requestInvoice(input: InvoiceRequest): Promise<void> {
  await http.post('/invoices', input)
}

export async function cancelInvoice(id: number): Promise<void> {
  await http.delete(`/invoices/${id}`)
}

/** GET /invoices/:id/link → a short-lived link to the issued invoice file. */
export async function invoiceLink(id: number): Promise<string> {
  const { data } = await http.get<{ url: string }>(`/invoices/${id}/link`)
  return data.url
}
