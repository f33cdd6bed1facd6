/** Invoice record action `reject { reason }` (finance): the request is refused with a reason; its bills may be invoiced again. */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import type { InvoiceRow } from '#services/invoices/rows'
import { releaseBills } from '#services/invoices/bills'

const rejectInvoice: EngineAction<{}, InvoiceRow> = {
  async handle({ record, reason }, { trx }) {
    const invoice = record!
    if (invoice.status !== 'requested') throw new Conflict(`This invoice is ${invoice.status}; only a requested invoice can be rejected`)
    await trx.from('invoices').where('id', invoice.id).update({ status: 'rejected', rejected_reason: reason, updated_at: new Date() })
    await releaseBills(trx, invoice)
    return { message: 'Invoice request rejected', auditMetadata: { bill_ids: invoice.bill_ids.map(Number) } }
  },
}
export default rejectInvoice
