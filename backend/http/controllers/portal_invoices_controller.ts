import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import audit from '#services/audit'
import { acting } from '#services/portal/acting'
import { runUseCase } from '#http/use_cases'
import { signedLink } from '#services/files/links'
import type { InvoiceRow } from '#services/invoices/rows'
import { presentPortalInvoices } from '#services/invoices/present'
import { BadRequest, Conflict, NotFound } from '#exceptions/domain_errors'
import { assertOnlyKeys } from '#validators/strict'
import { INVOICE_REQUEST_KEYS, requestInvoiceValidator } from '#validators/invoices'
import { INVOICE_STATUSES } from '#contract/bills'
import requestInvoice from '#actions/invoices/request_invoice'
import cancelInvoice from '#actions/invoices/cancel_invoice'

const ID = /^[1-9]\d{0,17}$/

async function ownInvoice(customerId: number, id: string): Promise<InvoiceRow> {
  const row = ID.test(id) ? await db.from('invoices').where({ id, customer_id: customerId }).first() : null
  if (!row) throw new NotFound('Invoice not found')
  return row
}

/** Portal invoices (发票) of the account acted in (capability invoices.request): list, request, cancel, download. */
export default class PortalInvoicesController {
  /** GET /api/portal/invoices?_start&_end&_sort=id|created_at&_order=asc|desc&status= → own invoices (newest first by default), X-Total-Count */
  async index(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'invoices.request')
    const qs = ctx.request.qs()
    assertOnlyKeys(qs, ['_start', '_end', '_sort', '_order', 'status', '_org'])
    const sort = String(qs._sort ?? 'id')
    const order = String(qs._order ?? 'desc').toLowerCase()
    if (!['id', 'created_at'].includes(sort) || !['asc', 'desc'].includes(order)) throw new BadRequest('Invoices sort by id or created_at, asc or desc')
    const start = Math.max(0, Number.parseInt(String(qs._start ?? '0'), 10) || 0)
    const end = Math.min(start + 100, Math.max(start, Number.parseInt(String(qs._end ?? String(start + 20)), 10) || start + 20))
    const query = db.from('invoices').where('customer_id', customerId)
    if (qs.status !== undefined) {
      if (!INVOICE_STATUSES.some((s) => s.value === qs.status)) throw new BadRequest(`Unknown invoice status "${String(qs.status).slice(0, 20)}"`)
      query.where('status', qs.status)
    }
    const [{ n }] = await query.clone().count('* as n')
    const rows: InvoiceRow[] = await query.orderBy(sort, order as 'asc' | 'desc').orderBy('id', order as 'asc' | 'desc').offset(start).limit(end - start)
    ctx.response.header('X-Total-Count', String(n))
    return presentPortalInvoices(rows)
  }

  /** POST /api/portal/invoices { title, tax_id, invoice_type, bill_ids?, order_ids?, email?, address?, remark? } → 201 invoice */
  async store(ctx: HttpContext) {
    const who = await acting(ctx, 'invoices.request')
    assertOnlyKeys(ctx.request.body(), INVOICE_REQUEST_KEYS)
    const input = await ctx.request.validateUsing(requestInvoiceValidator)
    const invoice = await runUseCase(ctx, requestInvoice, { ...input, customerId: who.customerId, personId: who.personId })
    ctx.response.status(201)
    return (await presentPortalInvoices([invoice]))[0]
  }

  /** DELETE /api/portal/invoices/:id → the cancelled invoice (only while requested) */
  async destroy(ctx: HttpContext) {
    const { customerId } = await acting(ctx, 'invoices.request')
    await ownInvoice(customerId, String(ctx.params.id))
    const invoice = await runUseCase(ctx, cancelInvoice, { customerId, invoiceId: Number(ctx.params.id) })
    return (await presentPortalInvoices([invoice]))[0]
  }

  /** GET /api/portal/invoices/:id/link → { url, expires_at } for the issued invoice file (audited file.link) */
  async link(ctx: HttpContext) {
    const who = await acting(ctx, 'invoices.request')
    const invoice = await ownInvoice(who.customerId, String(ctx.params.id))
    if (invoice.status !== 'issued' || !invoice.file_id) throw new Conflict('This invoice has not been issued yet')
    const link = signedLink(invoice.file_id, { audience: 'customer', subjectId: who.personId, orgId: who.orgId })
    await audit.standalone(ctx, { action: 'file.link', resource: 'invoices', recordId: invoice.id, metadata: { file_id: Number(invoice.file_id), expires_at: link.expires_at } })
    return link
  }
}
