/**
 * Finance reopens a closed bill (a reason is required, audited): it is payable again — awaiting
 * payment, partially paid, or settled when nothing is outstanding.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import { lockBill, type BillRow } from '#services/bills/rows'
import { statusAfterMoney } from '#services/bills/settle'

const reopenBill: EngineAction<{}, BillRow> = {
  async handle({ record }, { trx }) {
    const bill = await lockBill(trx, record!.id)
    if (bill.status !== 'closed') throw new Conflict('Only a closed bill can be reopened')
    if (BigInt(bill.paid) + BigInt(bill.credited) > BigInt(bill.amount_due)) throw new Conflict('The bill was paid and credited beyond what it asked; it stays closed')
    const status = statusAfterMoney({ ...bill, status: 'awaiting_payment' })
    const now = new Date()
    await trx
      .from('bills')
      .where('id', bill.id)
      .update({ status, reopened_at: now, closed_at: null, closed_reason: null, settled_at: status === 'settled' ? (bill.settled_at ?? now) : null, updated_at: now })
    return { message: `Bill ${bill.number} reopened (${status.replace('_', ' ')})` }
  },
}
export default reopenBill
