/** Invoice record action `reject { reason }` (finance): the request is refused with a reason; its bills may be invoiced again. */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import type { InvoiceRow } from '#services/invoices/rows'
import { releaseBills } from '#services/invoices/bills'
import { notify } from '#services/notifications/notify'

const rejectInvoice: EngineAction<{}, InvoiceRow> = {
  async handle({ record, reason }, { trx }) {
    const invoice = record!
    if (invoice.status !== 'requested') throw new Conflict(`This invoice is ${invoice.status}; only a requested invoice can be rejected`)
    await trx.from('invoices').where('id', invoice.id).update({ status: 'rejected', rejected_reason: reason, updated_at: new Date() })
    await releaseBills(trx, invoice)
    await notify(trx, {
      customerId: Number(invoice.customer_id),
      kind: 'invoice_rejected',
      severity: 'warning',
      title: { 'en': 'Invoice request declined', 'zh-CN': '开票申请被驳回' },
      body: { 'en': `Your invoice request "${invoice.title}" was declined: ${reason}`, 'zh-CN': `您的开票申请“${invoice.title}”被驳回：${reason}` },
      data: { invoice_id: Number(invoice.id) },
    })
    return { message: 'Invoice request rejected', auditMetadata: { bill_ids: invoice.bill_ids.map(Number) } }
  },
}
export default rejectInvoice
