/** Reconciliation runs collection action `run`: diagnose now and store the findings (finance). */
import type { ActionContext, UseCase } from '#engine/types'
import { actorOf, requestFacts } from '#services/audit'
import { runReconciliation } from './reconcile.js'

const runNow: UseCase = {
  async handle({ trx, ctx }: ActionContext) {
    const { run, findings } = await runReconciliation('console', actorOf(ctx), requestFacts(ctx), trx)
    return {
      message: findings.length ? `Run ${run.id}: ${findings.length} finding(s)` : `Run ${run.id}: everything reconciles`,
      result: { run_id: Number(run.id), findings: findings.length, byKind: run.summary?.byKind ?? {} },
      auditMetadata: { runId: Number(run.id) },
    }
  },
}
export default runNow
