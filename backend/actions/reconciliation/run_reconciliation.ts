/**
 * Reconciliation runs collection action `run` (finance), also run by `ace credits:diagnose`:
 * diagnose now and store the findings, in the caller's transaction.
 */
import type { EngineAction, EngineActionInput } from '#services/use_case'
import type { UseCase } from '#services/use_case'
import type { ActionResponse } from '#services/use_case'
import { runReconciliation, type RunOutcome, type Trigger } from '#services/reconciliation/reconcile'

type RunInput = EngineActionInput<{}> & { trigger?: Trigger }

const runNow: UseCase<RunInput, ActionResponse & { outcome: RunOutcome }> & EngineAction = {
  async handle({ trigger }: RunInput, { trx, actor, facts }) {
    const outcome = await runReconciliation(trigger ?? 'console', actor, facts, trx)
    const { run, findings } = outcome
    return {
      message: findings.length ? `Run ${run.id}: ${findings.length} finding(s)` : `Run ${run.id}: everything reconciles`,
      result: { run_id: Number(run.id), findings: findings.length, byKind: run.summary?.byKind ?? {} },
      auditMetadata: { runId: Number(run.id) },
      outcome,
    }
  },
}
export default runNow
