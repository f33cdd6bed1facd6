/**
 * Finance closes an issued bill (a reason is required): it takes no more payments until reopened,
 * and an overdue suspension it alone held is lifted.
 */
import type { EngineAction } from '#services/use_case'
import { Conflict } from '#exceptions/domain_errors'
import { PAYABLE_BILL_STATUSES } from '#contract/bills'
import { lockBill, type BillRow } from '#services/bills/rows'
import { liftBillingSuspension } from '#services/bills/suspension'

const closeBill: EngineAction<{}, BillRow> = {
  async handle({ record, reason }, { trx, actor }) {
    const bill = await lockBill(trx, record!.id)
    if (![...PAYABLE_BILL_STATUSES, 'settled'].includes(bill.status)) throw new Conflict(`A ${bill.status.replace('_', ' ')} bill cannot be closed`)
    const now = new Date()
    await trx.from('bills').where('id', bill.id).update({ status: 'closed', closed_at: now, closed_reason: reason, updated_at: now })
    // an overdue suspension that only this bill held ends with it
    await liftBillingSuspension(trx, Number(bill.org_id), actor)
    return { message: `Bill ${bill.number} closed` }
  },
}
export default closeBill
