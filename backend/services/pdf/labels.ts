/**
 * Every word a bill or statement PDF prints, in both languages. Statuses, line kinds and
 * settlements come from the contract's lists, so the PDF names them as the screens do.
 */
import { BILL_LINE_KINDS, BILL_STATUSES, BILL_TOTAL_LABELS, CREDIT_NOTE_SETTLEMENTS } from '#contract/bills'
import type { EnumOption } from '#contract/meta'

export type PdfLang = 'en' | 'zh-CN'

const t = (en: string, zh: string) => ({ 'en': en, 'zh-CN': zh })

export const TEXT = {
  bill: t('Bill', '账单'),
  statement: t('Statement', '对账单'),
  statementNote: t('Statement of deductions from the prepaid balance, for reference; not for payment.', '预付余额扣减明细，仅供查阅对账，无需支付。'),
  billTo: t('Bill to', '客户'),
  customer: t('Customer', '客户'),
  issuer: t('Issued by', '开具方'),
  number: t('Number', '编号'),
  status: t('Status', '状态'),
  period: t('Period', '账期'),
  issued: t('Issued', '出账日期'),
  due: t('Due', '到期日'),
  currency: t('Currency', '币种'),
  email: t('Email', '邮箱'),
  address: t('Address', '地址'),
  taxId: t('Tax ID', '税号'),
  customerId: t('Account ID', '账户 ID'),
  lines: t('Charges', '费用明细'),
  description: t('Description', '项目'),
  quantity: t('Quantity', '数量'),
  requests: t('Requests', '请求数'),
  amount: t('Amount', '金额'),
  noLines: t('No charges in this period.', '本期无费用。'),
  ...BILL_TOTAL_LABELS,
  payments: t('Payments', '付款记录'),
  date: t('Date', '日期'),
  method: t('Method', '方式'),
  reference: t('Reference', '参考号'),
  creditNotes: t('Credit notes', '冲正单'),
  reason: t('Reason', '原因'),
  settlement: t('Settlement', '结算方式'),
  page: t('Page {n} of {total}', '第 {n} 页，共 {total} 页'),
  times: t('Times in {zone}', '时间按 {zone} 时区'),
  none: t('—', '—'),
}

/** Units a line may be counted in; anything else prints as stored. */
const UNITS: Record<string, { 'en': string; 'zh-CN': string }> = {
  tokens: t('tokens', 'tokens'),
  token: t('tokens', 'tokens'),
  requests: t('requests', '次'),
  request: t('requests', '次'),
  images: t('images', '张'),
  image: t('images', '张'),
  seconds: t('seconds', '秒'),
  characters: t('characters', '字符'),
  generations: t('generations', '次生成'),
}

/** Payment methods as the orders list names them. */
const METHODS: Record<string, { 'en': string; 'zh-CN': string }> = {
  stripe: t('Card (Stripe)', '海外卡 / Stripe'),
  bank_transfer: t('Bank transfer', '银行转账'),
  cash: t('Cash', '现金'),
  wallet: t('Prepaid balance', '预付余额'),
}

export const methodLabel = (method: string, lang: PdfLang) => METHODS[method]?.[lang] ?? method

export const say = (key: keyof typeof TEXT, lang: PdfLang, vars: Record<string, string | number> = {}) =>
  TEXT[key][lang].replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''))

export const unitLabel = (unit: string | null, lang: PdfLang) => (unit ? (UNITS[unit.toLowerCase()]?.[lang] ?? unit) : '')

function optionLabel(list: readonly EnumOption[], value: string | null, lang: PdfLang): string {
  if (value === null) return TEXT.none[lang]
  const option = list.find((o) => o.value === value)
  return option ? option.label[lang] : value
}

export const statusLabel = (value: string | null, lang: PdfLang) => optionLabel(BILL_STATUSES, value, lang)
export const kindLabel = (value: string, lang: PdfLang) => optionLabel(BILL_LINE_KINDS, value, lang)
export const settlementLabel = (value: string, lang: PdfLang) => optionLabel(CREDIT_NOTE_SETTLEMENTS, value, lang)
