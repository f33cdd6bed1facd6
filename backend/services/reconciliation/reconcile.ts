/**
 * Runs and repairs, shared by the console actions, the ace commands, the admin API and the
 * monitor. A run stores what diagnose found (reconciliation_runs / reconciliation_findings);
 * a repair acts on one finding, re-checking first that the problem is still there, so repairing
 * twice (or repairing what another path already fixed) changes nothing and says so.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { transaction } from '#services/transaction'
import db from '@adonisjs/lucid/services/db'
import audit, { type Actor, type RequestFacts } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import type { FindingRow, ReconciliationRunRow } from './rows.js'
import { BadRequest, NotFound } from '#exceptions/domain_errors'
import { diagnose, stillPresent, type Finding } from '#services/reconciliation/diagnose'
import {
  correctBalance,
  expireStuckOrder,
  repairOrphan,
  repairRechargeWithoutOrder,
  reprocessEvent,
  syncStripeOrder,
  takeBackProviderRefunds,
  type RepairResult,
} from '#services/reconciliation/repairs'

export type Trigger = 'console' | 'command' | 'api' | 'monitor'

/**
 * One run: the run row, its findings and the audit row in one database transaction — the caller's
 * (`client`, e.g. the console action's) or a new one.
 */
export type RunOutcome = { run: ReconciliationRunRow; findings: FindingRow[] }

export async function runReconciliation(trigger: Trigger, actor: Actor, facts: RequestFacts = NO_REQUEST, client?: TransactionClientContract): Promise<RunOutcome> {
  if (!client) return transaction((trx): Promise<RunOutcome> => runReconciliation(trigger, actor, facts, trx))
  const [run] = await client
    .insertQuery()
    .table('reconciliation_runs')
    .insert({ trigger, started_by: actor.type === 'staff' ? actor.id : null })
    .returning('*')
  const found = await diagnose(new Date(), client)
  const byKind: Record<string, number> = {}
  for (const f of found) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1
  const findings: FindingRow[] = found.length
    ? await client
        .insertQuery()
        .table('reconciliation_findings')
        .multiInsert(found.map((f) => ({ run_id: run.id, kind: f.kind, fingerprint: f.fingerprint, subject_type: f.subject_type, subject_id: f.subject_id, detail: JSON.stringify(f.detail), safe: f.safe })))
        .returning('*')
    : []
  const [done] = await client
    .from('reconciliation_runs')
    .where('id', run.id)
    .update({ status: 'completed', findings_count: found.length, summary: JSON.stringify({ byKind }), finished_at: new Date() })
    .returning('*')
  await audit.record(client, { action: 'reconcile.run', resource: 'reconciliation-runs', recordId: run.id, metadata: { trigger, findings: found.length, byKind } }, actor, facts)
  return { run: done, findings }
}

/** The repair for a finding row (locked by the caller), without the audit row. */
export async function performRepair(trx: TransactionClientContract, finding: FindingRow, actor: Actor, facts: RequestFacts): Promise<RepairResult> {
  if (!(await stillPresent(finding.kind, finding.subject_id, trx))) {
    return { done: false, message: `Nothing to repair: ${finding.fingerprint} is no longer present` }
  }
  switch (finding.kind) {
    case 'orphan_payment':
      return repairOrphan(trx, finding.subject_id, actor)
    case 'recharge_without_order':
      return repairRechargeWithoutOrder(trx, finding.subject_id, actor, facts)
    case 'balance_mismatch':
      return correctBalance(trx, finding.subject_id, actor)
    case 'stuck_pending':
      return expireStuckOrder(finding.subject_id)
    case 'failed_event':
      return reprocessEvent(finding.subject_id, facts)
    case 'stripe_mismatch':
      return syncStripeOrder(trx, finding.subject_id, actor, facts)
    case 'provider_refund_not_taken':
      return takeBackProviderRefunds(trx, finding.subject_id, actor, facts)
    default:
      throw new BadRequest(`No repair for finding kind ${finding.kind}`)
  }
}

/** Marks the finding with the outcome (in the caller's transaction). */
export async function recordRepair(trx: TransactionClientContract, finding: FindingRow, outcome: RepairResult, actor: Actor) {
  await trx
    .from('reconciliation_findings')
    .where('id', finding.id)
    .update({ status: 'REPAIRED', repair_result: JSON.stringify(outcome), repaired_by: actor.type === 'staff' ? actor.id : null, repaired_at: new Date() })
  await trx.rawQuery('UPDATE reconciliation_runs SET repaired_count = repaired_count + 1 WHERE id = ?', [finding.run_id])
}

/** Repairs one finding in its own transaction with its audit row (commands, API, monitor). */
export async function repairFinding(findingId: number | string, actor: Actor, facts: RequestFacts = NO_REQUEST) {
  return transaction(async (trx) => {
    const finding: FindingRow | null = await trx.from('reconciliation_findings').where('id', findingId).forUpdate().first()
    if (!finding) throw new NotFound(`Finding ${findingId} was not found`)
    if (finding.status === 'REPAIRED') return { finding, outcome: { done: false, message: `Finding ${finding.id} was already repaired` } as RepairResult }
    const outcome = await performRepair(trx, finding, actor, facts)
    await recordRepair(trx, finding, outcome, actor)
    await audit.record(trx, { action: 'repair', resource: 'reconciliation-findings', recordId: finding.id, metadata: { kind: finding.kind, fingerprint: finding.fingerprint, outcome } }, actor, facts)
    return { finding: await trx.from('reconciliation_findings').where('id', finding.id).first(), outcome }
  })
}

/** Diagnose, then repair the findings that match `which` (each in its own transaction; failures are collected). */
export async function diagnoseAndRepair(trigger: Trigger, actor: Actor, which: (f: FindingRow) => boolean, facts: RequestFacts = NO_REQUEST) {
  const { run, findings } = await runReconciliation(trigger, actor, facts)
  const repaired: Array<{ id: number; fingerprint: string; done: boolean; message: string }> = []
  const failed: Array<{ id: number; fingerprint: string; error: string }> = []
  for (const f of findings.filter(which)) {
    try {
      const { outcome } = await repairFinding(f.id, actor, facts)
      repaired.push({ id: Number(f.id), fingerprint: f.fingerprint, done: outcome.done, message: outcome.message })
    } catch (error: any) {
      await db.from('reconciliation_findings').where('id', f.id).where('status', 'OPEN').update({ status: 'FAILED', repair_result: JSON.stringify({ error: String(error?.message ?? error) }) })
      failed.push({ id: Number(f.id), fingerprint: f.fingerprint, error: String(error?.message ?? error) })
    }
  }
  return { run, findings, repaired, failed }
}

export type { Finding }
