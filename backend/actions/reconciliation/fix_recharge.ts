/**
 * The admin repair API's `fix_specific_recharge`: credits one paid order whose recharge never
 * reached the ledger (the ledger key recharge:order:<id> makes a repeat change nothing), audited.
 */
import type { UseCase } from '#services/use_case'
import audit from '#services/audit'
import { repairOrphan } from '#services/reconciliation/repairs'
import type { RepairResult } from '#services/reconciliation/repairs'

const fixRecharge: UseCase<{ orderId: number }, RepairResult> = {
  async handle({ orderId }, { trx, actor, facts }) {
    const outcome = await repairOrphan(trx, orderId, actor)
    await audit.record(trx, { action: 'fix_specific_recharge', resource: 'orders', recordId: orderId, metadata: { outcome } }, actor, facts)
    return outcome
  },
}
export default fixRecharge
