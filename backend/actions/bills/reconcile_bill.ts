/** Finance reconciles a bill against usage, provider cost and the ledger (services/bills/reconcile.ts). */
import type { EngineAction } from '#services/use_case'
import { reconcileBill } from '#services/bills/reconcile'

const reconcileBillAction: EngineAction = {
  async handle({ record }, { trx, actor }) {
    const report = await reconcileBill(trx, Number(record!.id), actor)
    return {
      message: report.findings.length ? `${report.findings.length} mismatch(es) recorded as reconciliation findings` : 'The bill matches its usage and the ledger',
      result: { usage_charged: report.usage_charged, provider_cost: report.provider_cost, ledger_posted: report.ledger_posted, difference: report.difference },
      auditMetadata: { findings: report.findings.map((f) => f.id) },
    }
  },
}
export default reconcileBillAction
