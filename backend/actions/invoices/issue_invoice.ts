/**
 * Invoice record action `issue { invoice_number, file_id }` (finance): the invoice file was uploaded
 * first (POST /api/admin/files, purpose invoice); the invoice becomes issued with its number and
 * file, and its bills' invoice_status `issued`. An invoice number is used once.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict, InvalidInput } from '#exceptions/domain_errors'
import type { InvoiceRow } from '#services/invoices/rows'
import { notify } from '#services/notifications/notify'

const issueInvoice: EngineAction<{ invoice_number: string; file_id: number }, InvoiceRow> = {
  async handle({ record, fields }, { trx, actor }) {
    const invoice = record!
    if (invoice.status !== 'requested') throw new Conflict(`This invoice is ${invoice.status}; only a requested invoice can be issued`)
    const number = String(fields.invoice_number ?? '').trim()
    if (!/^[0-9A-Za-z-]{1,64}$/.test(number)) {
      throw new InvalidInput([{ field: 'invoice_number', message: 'The invoice number is 1–64 letters, digits or hyphens', rule: 'format' }])
    }
    const file = await trx.from('stored_files').where({ id: fields.file_id, purpose: 'invoice' }).first()
    if (!file) throw new InvalidInput([{ field: 'file_id', message: 'Upload the invoice file first (a file of purpose invoice)', rule: 'file' }])
    // one holder per number, also under concurrent issues
    await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`invoice-number:${number}`])
    const taken = await trx.from('invoices').where('invoice_number', number).whereNot('id', invoice.id).where('status', 'issued').first()
    if (taken) throw new Conflict(`Invoice number ${number} is already used by invoice #${taken.id}`)
    const usedFile = await trx.from('invoices').where('file_id', file.id).whereNot('id', invoice.id).first()
    if (usedFile) throw new Conflict(`That file is already the file of invoice #${usedFile.id}`)
    const now = new Date()
    await trx
      .from('invoices')
      .where('id', invoice.id)
      .update({ status: 'issued', invoice_number: number, file_id: file.id, issued_by: actor.id, issued_at: now, updated_at: now })
    if (invoice.bill_ids.length) await trx.from('bills').whereIn('id', invoice.bill_ids).update({ invoice_status: 'issued', updated_at: now })
    await notify(trx, {
      customerId: Number(invoice.customer_id),
      kind: 'invoice_issued',
      title: { 'en': `Invoice ${number} issued`, 'zh-CN': `发票 ${number} 已开具` },
      body: { 'en': `Your invoice "${invoice.title}" is issued; download it from Invoices.`, 'zh-CN': `您的发票“${invoice.title}”已开具，可在“发票”页面下载。` },
      data: { invoice_id: Number(invoice.id), invoice_number: number },
    })
    return { message: `Invoice ${number} issued`, auditMetadata: { invoice_number: number, file_id: Number(file.id), bill_ids: invoice.bill_ids.map(Number) } }
  },
}
export default issueInvoice
