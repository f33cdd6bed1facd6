/** The customer withdraws an invoice request while finance has not acted on it; its bills are free again. */
import type { UseCase } from '#services/use_case'
import audit from '#services/audit'
import { Conflict, NotFound } from '#exceptions/domain_errors'
import type { InvoiceRow } from '#services/invoices/rows'
import { releaseBills } from '#services/invoices/bills'

const cancelInvoice: UseCase<{ customerId: number; invoiceId: number }, InvoiceRow> = {
  async handle({ customerId, invoiceId }, { trx, actor, facts }) {
    const invoice: InvoiceRow | null = await trx.from('invoices').where({ id: invoiceId, customer_id: customerId }).forUpdate().first()
    if (!invoice) throw new NotFound('Invoice not found')
    if (invoice.status !== 'requested') throw new Conflict(`This invoice is ${invoice.status}; only a requested invoice can be cancelled`)
    const [updated] = await trx.from('invoices').where('id', invoiceId).update({ status: 'cancelled', updated_at: new Date() }).returning('*')
    await releaseBills(trx, invoice)
    await audit.record(trx, { action: 'invoice.cancel', resource: 'invoices', recordId: invoiceId, before: { status: 'requested' }, after: { status: 'cancelled' } }, actor, facts)
    return updated as InvoiceRow
  },
}
export default cancelInvoice
