/**
 * Reconciliation findings record action `repair` (finance), also used by `ace credits:repair`,
 * the admin API and the monitor (services/reconciliation/reconcile.ts): the kind's idempotent
 * repair, on the finding row locked by the caller. The caller writes the audit row.
 */
import type { EngineAction } from '#services/use_case'
import type { FindingRow } from '#services/reconciliation/rows'
import { performRepair, recordRepair } from '#services/reconciliation/reconcile'

const repair: EngineAction<{}, FindingRow> = {
  async handle({ record }, { trx, actor, facts }) {
    const finding = record!
    if (finding.status === 'REPAIRED') return { message: `Finding ${finding.id} was already repaired; nothing changed`, result: { done: false } }
    const outcome = await performRepair(trx, finding, actor, facts)
    await recordRepair(trx, finding, outcome, actor)
    return { message: outcome.message, result: { done: outcome.done }, auditMetadata: { kind: finding.kind, fingerprint: finding.fingerprint, outcome } }
  },
}
export default repair
