/** The bills an invoice held go back to "not invoiced" when the invoice ends without being issued. */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { InvoiceRow } from './rows.js'

export async function releaseBills(trx: TransactionClientContract, invoice: Pick<InvoiceRow, 'bill_ids'>) {
  if (!invoice.bill_ids.length) return
  await trx.from('bills').whereIn('id', invoice.bill_ids).where('invoice_status', 'requested').update({ invoice_status: 'none', updated_at: new Date() })
}
