/**
 * A customer asks for an invoice (portal, capability invoices.request): on records of the account
 * they act in, for what those records actually paid and was not invoiced yet. The linked bills
 * move to invoice_status `requested`; finance then issues or rejects it in the console.
 */
import type { UseCase } from '#services/use_case'
import audit from '#services/audit'
import { InvalidInput } from '#exceptions/domain_errors'
import { invoiceable, orderIdsOf } from '#services/invoices/invoiceable'
import type { InvoiceRow } from '#services/invoices/rows'

export interface RequestInvoiceInput {
  /** The account acted in (acting().customerId). */
  customerId: number
  /** The signed-in person who asks. */
  personId: number
  title: string
  tax_id: string
  invoice_type: string
  bill_ids?: number[]
  order_ids?: number[]
  /** Recharge orders by number, as the portal shows them; added to `order_ids`. */
  order_numbers?: string[]
  email?: string | null
  address?: string | null
  remark?: string | null
}

const requestInvoice: UseCase<RequestInvoiceInput, InvoiceRow> = {
  async handle(input, { trx, actor, facts }) {
    const billIds = input.bill_ids ?? []
    const orderIds = [...new Set([...(input.order_ids ?? []), ...(await orderIdsOf(trx, input.customerId, input.order_numbers ?? []))])]
    if (!billIds.length && !orderIds.length) {
      throw new InvalidInput([{ field: 'bill_ids', message: 'Name at least one bill or recharge order to invoice', rule: 'required' }])
    }
    const what = await invoiceable(trx, input.customerId, billIds, orderIds)
    const [invoice] = await trx
      .insertQuery()
      .table('invoices')
      .insert({
        customer_id: input.customerId,
        requested_by: input.personId,
        title: input.title,
        tax_id: input.tax_id,
        invoice_type: input.invoice_type,
        amount: what.amount.toString(),
        currency: what.currency,
        bill_ids: billIds,
        order_ids: orderIds,
        email: input.email ?? null,
        address: input.address ?? null,
        remark: input.remark ?? null,
      })
      .returning('*')
    if (billIds.length) await trx.from('bills').whereIn('id', billIds).update({ invoice_status: 'requested', updated_at: new Date() })
    await audit.record(
      trx,
      {
        action: 'invoice.request',
        resource: 'invoices',
        recordId: invoice.id,
        after: { status: 'requested', amount: what.amount.toString(), currency: what.currency, bill_ids: billIds, order_ids: orderIds, invoice_type: input.invoice_type },
        metadata: { customer_id: input.customerId, person_id: input.personId },
      },
      actor,
      facts
    )
    return invoice as InvoiceRow
  },
}
export default requestInvoice
