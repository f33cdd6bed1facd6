/**
 * Contracts, bills, disputes, credit notes and invoices (issue 12 §2–4, PRD §3.1, §7): statuses and
 * the document a bill's screen and PDF are both drawn from.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'

export const CONTRACT_TYPES = [
  s('enterprise', 'geekblue', 'Enterprise', '企业'),
  s('dev_org', 'cyan', 'Developer organization', '开发组织'),
] as const satisfies readonly EnumOption[]

export const CONTRACT_STATUSES = [
  s('pending_signature', 'gold', 'Awaiting signature', '待签署'),
  s('active', 'green', 'Active', '生效中'),
  s('expired', 'orange', 'Expired', '已过期'),
  s('voided', 'default', 'Voided', '已作废'),
] as const satisfies readonly EnumOption[]

export const SIGNING_METHODS = [
  s('online', 'blue', 'Online', '线上签署'),
  s('offline', 'purple', 'Offline', '线下签署'),
] as const satisfies readonly EnumOption[]

export const TEMPLATE_STATUSES = [
  s('active', 'green', 'Active', '可用'),
  s('deleted', 'default', 'Deleted', '已删除'),
] as const satisfies readonly EnumOption[]

export const BILL_STATUSES = [
  s('draft', 'default', 'Draft', '待出账'),
  s('issued', 'blue', 'Issued', '已出账'),
  s('awaiting_payment', 'gold', 'Awaiting payment', '待支付'),
  s('partially_paid', 'orange', 'Partially paid', '部分支付'),
  s('settled', 'green', 'Settled', '已结清'),
  s('closed', 'purple', 'Closed', '已关闭'),
  s('voided', 'red', 'Voided', '已作废'),
] as const satisfies readonly EnumOption[]

export const BILL_INVOICE_STATUSES = [
  s('none', 'default', 'Not invoiced', '未开票'),
  s('requested', 'gold', 'Invoice requested', '开票中'),
  s('issued', 'green', 'Invoiced', '已开票'),
] as const satisfies readonly EnumOption[]

export const BILL_LINE_KINDS = [
  s('usage', 'blue', 'Usage', '用量'),
  s('hold_capture', 'purple', 'Generations', '生成任务'),
  s('adjustment', 'orange', 'Adjustment', '调整'),
  s('other', 'default', 'Other', '其他'),
] as const satisfies readonly EnumOption[]

export const DISPUTE_STATUSES = [
  s('open', 'gold', 'Open', '处理中'),
  s('credited', 'green', 'Credited', '已冲正'),
  s('rejected', 'default', 'Rejected', '已驳回'),
] as const satisfies readonly EnumOption[]

export const CREDIT_NOTE_SETTLEMENTS = [
  s('wallet', 'green', 'Credited to wallet', '退回钱包'),
  s('refund', 'purple', 'Refunded', '原路退款'),
] as const satisfies readonly EnumOption[]

export const INVOICE_TYPES = [
  s('vat_general', 'blue', 'VAT general invoice', '增值税普通发票'),
  s('vat_special', 'purple', 'VAT special invoice', '增值税专用发票'),
  s('electronic', 'cyan', 'Electronic invoice', '电子发票'),
] as const satisfies readonly EnumOption[]

export const INVOICE_STATUSES = [
  s('requested', 'gold', 'Requested', '待开票'),
  s('issued', 'green', 'Issued', '已开票'),
  s('rejected', 'red', 'Rejected', '已驳回'),
  s('cancelled', 'default', 'Cancelled', '已取消'),
] as const satisfies readonly EnumOption[]

export type ContractStatus = Values<typeof CONTRACT_STATUSES>
export type BillStatus = Values<typeof BILL_STATUSES>
export type DisputeStatus = Values<typeof DISPUTE_STATUSES>
export type InvoiceStatus = Values<typeof INVOICE_STATUSES>

/**
 * The names of a bill's figures, one wording for the console's bill page, the portal and the PDF (so a
 * reader finds on paper the words they saw on screen).
 */
export const BILL_TOTAL_LABELS = {
  subtotal: { 'en': 'Subtotal', 'zh-CN': '小计' },
  discount: { 'en': 'Discount', 'zh-CN': '折扣' },
  tax: { 'en': 'Tax', 'zh-CN': '税额' },
  total: { 'en': 'Total', 'zh-CN': '合计' },
  coveredGift: { 'en': 'Covered by vouchers', 'zh-CN': '代金券抵扣' },
  coveredCash: { 'en': 'Covered by prepaid balance', 'zh-CN': '预付余额抵扣' },
  amountDue: { 'en': 'Amount due', 'zh-CN': '应付金额' },
  paid: { 'en': 'Paid', 'zh-CN': '已付金额' },
  credited: { 'en': 'Credited', 'zh-CN': '已冲正' },
  outstanding: { 'en': 'Outstanding', 'zh-CN': '待付金额' },
} as const

export type BillTotal = keyof typeof BILL_TOTAL_LABELS

/** The figures' names in one language (for i18n resource files). */
export const billTotalLabels = (lang: 'en' | 'zh-CN') =>
  Object.fromEntries(Object.entries(BILL_TOTAL_LABELS).map(([key, text]) => [key, text[lang]])) as Record<BillTotal, string>

/** Bill statuses that accept a payment. */
export const PAYABLE_BILL_STATUSES: readonly BillStatus[] = ['issued', 'awaiting_payment', 'partially_paid']

type Text = { 'en': string; 'zh-CN': string }

/**
 * Everything a bill shows, as the bill page and the PDF read it (amounts are decimal strings in the
 * ledger asset, times ISO 8601). The PDF is drawn from exactly this object.
 */
export interface BillDocument {
  kind: 'bill' | 'statement'
  number: string
  status: BillStatus | null
  currency: string
  period: { start: string; end: string; zone: string }
  issuedAt: string | null
  dueAt: string | null
  customer: { id: number; name: string; email: string; address: string | null; taxId: string | null }
  issuer: { name: string; address: string }
  lines: {
    id: number | null
    kind: Values<typeof BILL_LINE_KINDS>
    description: Text
    quantity: string
    unit: string | null
    requests: string
    amount: string
  }[]
  totals: {
    subtotal: string
    discountRate: string
    discount: string
    taxRate: string
    tax: string
    total: string
    coveredGift: string
    coveredCash: string
    amountDue: string
    paid: string
    credited: string
    outstanding: string
  }
  payments: { date: string; amount: string; method: string; reference: string }[]
  creditNotes: { number: string; date: string; amount: string; reason: string; settlement: Values<typeof CREDIT_NOTE_SETTLEMENTS> }[]
}

export const BILL_STATUS_LISTS: Record<string, readonly EnumOption[]> = {
  contracts: CONTRACT_STATUSES,
  contract_templates: TEMPLATE_STATUSES,
  bills: BILL_STATUSES,
  bill_disputes: DISPUTE_STATUSES,
  invoices: INVOICE_STATUSES,
}
