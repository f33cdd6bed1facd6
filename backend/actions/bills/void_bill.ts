/**
 * Finance voids a bill that nothing was paid on (a reason is required): its period is free to be
 * billed again; the discount and tax its issue posted are reversed. Refused once any payment arrived or while a payment order waits for it.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import { lockBill, type BillRow } from '#services/bills/rows'
import { liftBillingSuspension } from '#services/bills/suspension'
import { reverseBillCharges } from '#services/bills/issue_postings'

const voidBill: EngineAction<{}, BillRow> = {
  async handle({ record, reason }, { trx, actor }) {
    const bill = await lockBill(trx, record!.id)
    if (bill.status === 'voided') throw new Conflict('The bill is already voided')
    if (BigInt(bill.paid) > 0n) throw new Conflict('A bill with payments cannot be voided; issue a credit note or close it')
    const pending = await trx.from('orders').where('bill_id', bill.id).where('status', 'PENDING').first()
    if (pending) throw new Conflict(`Payment order ${pending.number} is waiting for this bill: close it first`)
    await reverseBillCharges(trx, bill, actor, `Bill ${bill.number} voided: ${reason}`)
    const now = new Date()
    await trx
      .from('bills')
      .where('id', bill.id)
      .update({ status: 'voided', voided_at: now, voided_by: actor.type === 'staff' ? actor.id : null, void_reason: reason, updated_at: now })
    // an overdue suspension that only this bill held ends with it
    await liftBillingSuspension(trx, Number(bill.org_id), actor)
    return { message: `Bill ${bill.number} voided; its period can be billed again` }
  },
}
export default voidBill
