/**
 * A bill or a prepaid statement as an A4 PDF, drawn from exactly the BillDocument the screens show
 * (issue 12 §3): issuer and customer (Chinese names and addresses in Noto Sans SC), number, period,
 * dates, status, the charges, the totals down to what is outstanding, payments and credit notes,
 * and page numbers. Amounts use the contract's money rules in the document's currency; times are
 * written in the reader's zone.
 */
import PDFDocument from 'pdfkit'
import type { BillDocument } from '#contract/bills'
import { FONT_BOLD, FONT_REGULAR, fonts } from './fonts.js'
import { ACCENT, MUTED, Page, type Cell } from './layout.js'
import { kindLabel, methodLabel, say, settlementLabel, statusLabel, unitLabel, type PdfLang } from './labels.js'
import { day, money, period, quantity, rate, zoneOr } from './format.js'
import { isZero } from '#contract/money'

export type { PdfLang }

export interface RenderOptions {
  /** The reader's IANA zone for dates and times; the document's period zone when absent or unknown. */
  zone?: string | null
}

function header(page: Page, doc: BillDocument, lang: PdfLang, zone: string) {
  const half = page.width / 2
  const top = page.y
  let left = page.write(doc.issuer.name, page.left, top, half - 10, { size: 14, bold: true })
  left += page.write(doc.issuer.address, page.left, top + left + 2, half - 10, { size: 8.5, color: MUTED }) + 2
  const title = say(doc.kind === 'statement' ? 'statement' : 'bill', lang)
  let right = page.write(title, page.left + half, top, half, { size: 20, bold: true, color: ACCENT, align: 'right' })
  right += page.write(doc.number, page.left + half, top + right + 2, half, { size: 10, align: 'right' }) + 2
  page.y = top + Math.max(left, right) + 12
  page.rule()
  page.gap(12)

  const c = doc.customer
  const customer = [
    { label: say(doc.kind === 'statement' ? 'customer' : 'billTo', lang), value: c.name },
    { label: say('email', lang), value: c.email },
    ...(c.address ? [{ label: say('address', lang), value: c.address }] : []),
    ...(c.taxId ? [{ label: say('taxId', lang), value: c.taxId }] : []),
    { label: say('customerId', lang), value: String(c.id) },
  ]
  const facts = [
    // the period's days are those of the zone it was cut in; other times are the reader's
    { label: say('period', lang), value: period(doc.period.start, doc.period.end, doc.period.zone) + (doc.period.zone === zone ? '' : ` (${doc.period.zone})`) },
    ...(doc.kind === 'bill' || doc.status ? [{ label: say('status', lang), value: statusLabel(doc.status, lang) }] : []),
    ...(doc.issuedAt ? [{ label: say('issued', lang), value: day(doc.issuedAt, zone)! }] : []),
    ...(doc.dueAt ? [{ label: say('due', lang), value: day(doc.dueAt, zone)! }] : []),
    { label: say('currency', lang), value: doc.currency },
  ]
  const quarter = page.width / 4
  const used = Math.max(
    page.facts(page.left, page.y, half - 10, customer),
    page.facts(page.left + half, page.y, quarter - 10, facts.slice(0, Math.ceil(facts.length / 2))),
    page.facts(page.left + half + quarter, page.y, quarter, facts.slice(Math.ceil(facts.length / 2)))
  )
  page.y += used + 4
  if (doc.kind === 'statement') {
    page.y += page.write(say('statementNote', lang), page.left, page.y, page.width, { size: 8.5, color: MUTED }) + 4
  }
}

function lines(page: Page, doc: BillDocument, lang: PdfLang) {
  page.heading(say('lines', lang))
  const w = page.width
  const columns = [
    { header: say('description', lang), width: w * 0.46 },
    { header: say('quantity', lang), width: w * 0.2, align: 'right' as const },
    { header: say('requests', lang), width: w * 0.14, align: 'right' as const },
    { header: say('amount', lang), width: w * 0.2, align: 'right' as const },
  ]
  const rows: Cell[][] = doc.lines.map((line) => [
    // usage lines say what they are in their description; other kinds are named under it
    { text: line.kind === 'usage' ? line.description[lang] || line.description.en : `${line.description[lang] || line.description.en}\n${kindLabel(line.kind, lang)}` },
    { text: `${quantity(line.quantity, lang)} ${unitLabel(line.unit, lang)}`.trim() },
    { text: quantity(line.requests, lang) },
    { text: money(line.amount, doc.currency, lang) },
  ])
  page.table(columns, rows, say('noLines', lang))
}

function totals(page: Page, doc: BillDocument, lang: PdfLang) {
  const t = doc.totals
  const m = (value: string) => money(value, doc.currency, lang)
  const statement = doc.kind === 'statement'
  // a statement is not for payment: it leaves out the rows that are zero for it
  const shown = (value: string) => !statement || !isZero(value)
  const rows = [
    { label: say('subtotal', lang), value: m(t.subtotal) },
    ...(shown(t.discount) ? [{ label: `${say('discount', lang)} (${rate(t.discountRate)})`, value: isZero(t.discount) ? m(t.discount) : `−${m(t.discount)}` }] : []),
    ...(shown(t.tax) ? [{ label: `${say('tax', lang)} (${rate(t.taxRate)})`, value: m(t.tax) }] : []),
    { label: say('total', lang), value: m(t.total), strong: true, ruleAbove: true },
    { label: say('coveredGift', lang), value: isZero(t.coveredGift) ? m(t.coveredGift) : `−${m(t.coveredGift)}` },
    { label: say('coveredCash', lang), value: isZero(t.coveredCash) ? m(t.coveredCash) : `−${m(t.coveredCash)}` },
    ...(shown(t.amountDue) ? [{ label: say('amountDue', lang), value: m(t.amountDue), strong: true, ruleAbove: true }] : []),
    ...(shown(t.paid) ? [{ label: say('paid', lang), value: m(t.paid) }] : []),
    ...(shown(t.credited) ? [{ label: say('credited', lang), value: m(t.credited) }] : []),
    ...(shown(t.outstanding) ? [{ label: say('outstanding', lang), value: m(t.outstanding), strong: true, ruleAbove: true }] : []),
  ]
  page.gap(10)
  page.pairs(rows, Math.min(300, page.width * 0.55))
}

function payments(page: Page, doc: BillDocument, lang: PdfLang, zone: string) {
  if (!doc.payments.length) return
  page.heading(say('payments', lang))
  const w = page.width
  page.table(
    [
      { header: say('date', lang), width: w * 0.2 },
      { header: say('method', lang), width: w * 0.2 },
      { header: say('reference', lang), width: w * 0.38 },
      { header: say('amount', lang), width: w * 0.22, align: 'right' },
    ],
    doc.payments.map((p) => [{ text: day(p.date, zone) ?? '' }, { text: methodLabel(p.method, lang) }, { text: p.reference }, { text: money(p.amount, doc.currency, lang) }])
  )
}

function creditNotes(page: Page, doc: BillDocument, lang: PdfLang, zone: string) {
  if (!doc.creditNotes.length) return
  page.heading(say('creditNotes', lang))
  const w = page.width
  page.table(
    [
      { header: say('number', lang), width: w * 0.2 },
      { header: say('date', lang), width: w * 0.14 },
      { header: say('reason', lang), width: w * 0.3 },
      { header: say('settlement', lang), width: w * 0.16 },
      { header: say('amount', lang), width: w * 0.2, align: 'right' },
    ],
    doc.creditNotes.map((n) => [
      { text: n.number },
      { text: day(n.date, zone) ?? '' },
      { text: n.reason },
      { text: settlementLabel(n.settlement, lang) },
      { text: `−${money(n.amount, doc.currency, lang)}` },
    ])
  )
}

/** Page numbers and the zone the times are in, on every page once the content is laid out. */
function footers(pdf: PDFKit.PDFDocument, doc: BillDocument, lang: PdfLang, zone: string) {
  const range = pdf.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i)
    const bottom = pdf.page.margins.bottom
    pdf.page.margins.bottom = 0 // writing below the margin must not open a page
    const y = pdf.page.height - 36
    const left = pdf.page.margins.left
    const width = pdf.page.width - left - pdf.page.margins.right
    pdf.font(FONT_REGULAR).fontSize(7.5).fillColor(MUTED)
    pdf.text(`${doc.number} · ${say('times', lang, { zone })}`, left, y, { width: width / 2, lineBreak: false })
    pdf.text(say('page', lang, { n: i + 1, total: range.count }), left + width / 2, y, { width: width / 2, align: 'right', lineBreak: false })
    pdf.page.margins.bottom = bottom
  }
}

/** The PDF of a bill or statement, in `lang`, times in the reader's zone. */
export async function renderBillPdf(doc: BillDocument, lang: PdfLang, options: RenderOptions = {}): Promise<Buffer> {
  const zone = zoneOr(options.zone, doc.period.zone)
  const title = `${say(doc.kind === 'statement' ? 'statement' : 'bill', lang)} ${doc.number}`
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 60, left: 48, right: 48 },
    bufferPages: true,
    lang: lang === 'zh-CN' ? 'zh-CN' : 'en',
    info: { Title: title, Author: doc.issuer.name, Subject: doc.customer.name },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve)
    pdf.on('error', reject)
  })
  const files = fonts()
  pdf.registerFont(FONT_REGULAR, files[FONT_REGULAR])
  pdf.registerFont(FONT_BOLD, files[FONT_BOLD])
  const page = new Page(pdf)
  header(page, doc, lang, zone)
  lines(page, doc, lang)
  totals(page, doc, lang)
  payments(page, doc, lang, zone)
  creditNotes(page, doc, lang, zone)
  footers(pdf, doc, lang, zone)
  pdf.end()
  await done
  return Buffer.concat(chunks)
}
