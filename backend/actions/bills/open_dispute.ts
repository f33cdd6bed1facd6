/** Staff open a dispute on a line of a bill for the organization (the bills record action). */
import type { EngineAction } from '#services/use_case'
import { lockBill, type BillRow } from '#services/bills/rows'
import { openDispute } from '#services/bills/disputes'

type Fields = { bill_line_id: number; amount: string }

const openDisputeAction: EngineAction<Fields, BillRow> = {
  async handle({ record, fields, reason }, { trx, actor, facts }) {
    const bill = await lockBill(trx, record!.id)
    const dispute = await openDispute(trx, bill, { lineId: fields.bill_line_id, amount: BigInt(fields.amount), reason: reason ?? '', staffId: actor.id ?? undefined }, actor, facts)
    return { message: `Dispute ${dispute.id} opened on bill ${bill.number}`, result: { dispute_id: Number(dispute.id) }, auditMetadata: { disputeId: Number(dispute.id) } }
  },
}
export default openDisputeAction
