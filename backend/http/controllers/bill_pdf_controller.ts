import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { BillDocument } from '#contract/bills'
import type Customer from '#models/customer'
import audit from '#services/audit'
import { acting } from '#services/portal/acting'
import { billDocument, statementDocument } from '#services/bills/document'
import { renderBillPdf, type PdfLang } from '#services/pdf/bill_pdf'
import { NotFound } from '#exceptions/domain_errors'
import { assertOnlyKeys } from '#validators/strict'

const QUERY = ['_lang', '_tz', '_org']
const ID = /^[1-9]\d{0,17}$/

function lang(ctx: HttpContext): PdfLang {
  const asked = String(ctx.request.qs()._lang ?? ctx.request.header('accept-language') ?? '')
  return /^zh/i.test(asked) ? 'zh-CN' : 'en'
}

/** The signed-in customer's own zone (their profile's), for a reader who names none. */
const personZone = async (ctx: HttpContext) => {
  const person = ctx.auth.use('customer').user as Customer
  const row = await db.from('customers').where('id', person.id).select('time_zone').first()
  return (row?.time_zone as string | undefined) ?? null
}

/** A bill of the account acted in; drafts are not the customer's to see yet. */
async function portalBillId(customerId: number, id: string) {
  const bill = ID.test(id) ? await db.from('bills').where({ id, org_id: customerId }).whereNot('status', 'draft').select('id').first() : null
  if (!bill) throw new NotFound('Bill not found')
  return Number(bill.id)
}

/** Renders the document, audits the download as an export, and answers it as a PDF attachment. */
async function send(ctx: HttpContext, doc: BillDocument, record: { resource: string; id: string | number }, readerZone: string | null = null) {
  assertOnlyKeys(ctx.request.qs(), QUERY)
  const language = lang(ctx)
  const zone = typeof ctx.request.qs()._tz === 'string' ? ctx.request.qs()._tz : readerZone
  const pdf = await renderBillPdf(doc, language, { zone })
  await audit.standalone(ctx, {
    action: 'export',
    resource: record.resource,
    recordId: record.id,
    metadata: { format: 'pdf', kind: doc.kind, number: doc.number, lang: language, customer_id: doc.customer.id, bytes: pdf.length },
  })
  const name = `${doc.kind === 'statement' ? 'statement' : 'bill'}-${doc.number}.pdf`.replace(/[^\w.-]/g, '_')
  ctx.response.header('Content-Type', 'application/pdf')
  ctx.response.header('Content-Disposition', `attachment; filename="${name}"`)
  ctx.response.header('Cache-Control', 'no-store')
  return pdf
}

/**
 * Bills and monthly statements as PDF (issue 12 §3), from the same BillDocument the screens show:
 * console (bills:view, users:view) and portal (the account acted in: bills.view, wallet.view).
 * `_lang` en | zh-CN (else Accept-Language), `_tz` the reader's IANA zone (a customer's own zone by
 * default, else the bill's).
 */
export default class BillPdfController {
  /** GET /api/admin/bills/:id/pdf */
  async adminBill(ctx: HttpContext) {
    const doc = await billDocument(db.connection(), String(ctx.params.id))
    return send(ctx, doc, { resource: 'bills', id: ctx.params.id })
  }

  /** GET /api/admin/users/:id/statements/:month/pdf */
  async adminStatement(ctx: HttpContext) {
    const id = String(ctx.params.id)
    if (!ID.test(id)) throw new NotFound('Customer not found')
    const doc = await statementDocument(db.connection(), Number(id), String(ctx.params.month))
    return send(ctx, doc, { resource: 'users', id })
  }

  /** GET /api/portal/bills/:id/pdf */
  async portalBill(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'bills.view')
    const billId = await portalBillId(customerId, String(ctx.params.id))
    return send(ctx, await billDocument(db.connection(), billId), { resource: 'bills', id: billId }, await personZone(ctx))
  }

  /** GET /api/portal/statements/:month/pdf */
  async portalStatement(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'wallet.view')
    const doc = await statementDocument(db.connection(), customerId, String(ctx.params.month))
    return send(ctx, doc, { resource: 'users', id: customerId }, await personZone(ctx))
  }
}
