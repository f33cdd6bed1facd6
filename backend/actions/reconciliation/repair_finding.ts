/** Reconciliation findings record action `repair` (finance): the kind's idempotent repair; the engine audits. */
import type { ActionContext, UseCase } from '#engine/types'
import { actorOf, requestFacts } from '#services/audit'
import { performRepair, recordRepair } from './reconcile.js'

const repair: UseCase = {
  async handle({ trx, record, ctx }: ActionContext) {
    const finding = record!
    if (finding.status === 'REPAIRED') return { message: `Finding ${finding.id} was already repaired; nothing changed` }
    const actor = actorOf(ctx)
    const outcome = await performRepair(trx, finding, actor, requestFacts(ctx))
    await recordRepair(trx, finding, outcome, actor)
    return { message: outcome.message, result: { done: outcome.done }, auditMetadata: { kind: finding.kind, fingerprint: finding.fingerprint, outcome } }
  },
}
export default repair
