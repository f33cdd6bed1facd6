/**
 * Reconciliation of a bill (usage — charge — cost, PRD §7): for the bill's organization and
 * period, what the usage records charged, what the provider cost, what the ledger posted, and the
 * bill's own figures. Two checks, each a reconciliation finding of kind `bill_mismatch` when it
 * fails (one OPEN finding per bill and check; a repeat returns it instead of adding another):
 *
 * - `usage_vs_ledger`: Σ usage_records.charged of the period's usage postings = Σ those postings;
 * - `bill_vs_ledger`: the bill's subtotal = Σ its lines = what the ledger debited in the period
 *   (a bill issued before a posting of its period, or edited, no longer matches).
 *
 * A check that passes again marks its open finding repaired. There is no automatic repair: a bill is
 * corrected by a credit note (or, while draft, by generating it again).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type Actor } from '#services/audit'
import { NO_REQUEST } from '#services/use_case'
import { fromUnits } from '#services/ledger/amounts'
import { NotFound } from '#exceptions/domain_errors'
import { ledgerDebited, periodPostings } from './ledger_period.js'

export const BILL_FINDING = 'bill_mismatch'

export type BillReconciliation = {
  bill_id: number
  usage_charged: string
  provider_cost: string
  ledger_posted: string
  bill_subtotal: string
  difference: string
  findings: Array<{ id: number; check: string; expected: string; actual: string; status: string }>
}

export async function reconcileBill(trx: TransactionClientContract, billId: number, actor: Actor): Promise<BillReconciliation> {
  const bill = await trx.from('bills').where('id', billId).first()
  if (!bill) throw new NotFound('Bill not found')
  const orgId = Number(bill.org_id)
  const postings = await periodPostings(trx, orgId, { start: bill.period_start, end: bill.period_end })
  const charges = postings.filter((p) => p.type === 'usage_charge')
  const usage = charges.length
    ? await trx
        .from('usage_records')
        .where('customer_id', orgId)
        .where('started_at', '<', bill.period_end)
        .whereIn('ledger_transaction_id', charges.map((p) => p.id))
        .select(trx.raw('coalesce(sum(charged), 0)::text as charged, coalesce(sum(cost), 0)::text as cost'))
        .first()
    : { charged: '0', cost: '0' }
  const usageCharged = BigInt(usage.charged)
  const usagePosted = charges.reduce((s, p) => s - p.net, 0n)
  const ledger = ledgerDebited(postings)
  const lines = await trx.from('bill_lines').where('bill_id', billId).sum('amount as s').first()
  const subtotal = BigInt(bill.subtotal)
  const linesSum = BigInt(lines?.s ?? 0)

  const failed: Array<{ check: string; expected: bigint; actual: bigint }> = []
  if (usageCharged !== usagePosted) failed.push({ check: 'usage_vs_ledger', expected: usagePosted, actual: usageCharged })
  if (bill.status !== 'voided' && (subtotal !== ledger || linesSum !== ledger)) failed.push({ check: 'bill_vs_ledger', expected: ledger, actual: linesSum !== ledger ? linesSum : subtotal })

  // a check that passes again closes its open finding (the mismatch was corrected meanwhile)
  const passing = ['usage_vs_ledger', 'bill_vs_ledger'].filter((check) => !failed.some((f) => f.check === check)).map((check) => `${BILL_FINDING}:bill:${billId}:${check}`)
  await trx
    .from('reconciliation_findings')
    .whereIn('fingerprint', passing)
    .where('status', 'OPEN')
    .update({ status: 'REPAIRED', repair_result: JSON.stringify({ message: 'No longer present when the bill was reconciled again' }), repaired_by: actor.type === 'staff' ? actor.id : null, repaired_at: new Date() })

  const findings: BillReconciliation['findings'] = []
  if (failed.length) {
    let runId: string | null = null
    for (const f of failed) {
      const fingerprint = `${BILL_FINDING}:bill:${billId}:${f.check}`
      let row = await trx.from('reconciliation_findings').where({ fingerprint, status: 'OPEN' }).orderBy('id', 'desc').first()
      if (!row) {
        runId ??= await newRun(trx, actor, failed.length)
        const detail = { check: f.check, billId, number: bill.number, orgId, expected: fromUnits(f.expected), actual: fromUnits(f.actual), periodStart: bill.period_start, periodEnd: bill.period_end }
        ;[row] = await trx
          .insertQuery()
          .table('reconciliation_findings')
          .insert({ run_id: runId, kind: BILL_FINDING, fingerprint, subject_type: 'bill', subject_id: String(billId), detail: JSON.stringify(detail), safe: false })
          .returning('*')
      }
      findings.push({ id: Number(row.id), check: f.check, expected: fromUnits(f.expected), actual: fromUnits(f.actual), status: row.status })
    }
    if (runId) await audit.record(trx, { action: 'reconcile.bill', resource: 'bills', recordId: billId, metadata: { runId: Number(runId), findings: findings.map((f) => f.id) } }, actor, NO_REQUEST)
  }
  return {
    bill_id: billId,
    usage_charged: fromUnits(usageCharged),
    provider_cost: fromUnits(BigInt(usage.cost)),
    ledger_posted: fromUnits(ledger),
    bill_subtotal: fromUnits(subtotal),
    difference: fromUnits(subtotal - ledger),
    findings,
  }
}

async function newRun(trx: TransactionClientContract, actor: Actor, count: number): Promise<string> {
  const [run] = await trx
    .insertQuery()
    .table('reconciliation_runs')
    .insert({ trigger: actor.type === 'staff' ? 'console' : 'api', started_by: actor.type === 'staff' ? actor.id : null, status: 'completed', findings_count: count, summary: JSON.stringify({ byKind: { [BILL_FINDING]: count } }), finished_at: new Date() })
    .returning('*')
  return String(run.id)
}
