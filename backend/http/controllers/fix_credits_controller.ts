/**
 * POST /api/internal/fix-credits (X-Admin-Api-Key): the seeds' admin repair API.
 *   { action: "diagnose" }                                → a run with its findings
 *   { action: "fix_orphaned_recharges" }                  → diagnose, then repair every orphan_payment
 *   { action: "fix_specific_recharge", order_id }         → credit one paid order (key recharge:order:<id>)
 *   { action: "recalculate_balance", customer_id }        → correct the customer's accounts whose balance ≠ Σ entries
 *   { action: "repair_safe" }                             → diagnose, then repair every kind marked safe
 * Every repair is audited with the actor `admin-api`; repeating a call changes nothing more.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { transaction } from '#services/transaction'
import { requestFacts, type Actor } from '#services/audit'
import type { RequestFacts, UseCase } from '#services/use_case'
import { fixCreditsValidator } from '#validators/refunds'
import { diagnoseAndRepair, type RunOutcome, type Trigger } from '#services/reconciliation/reconcile'
import runReconciliation from '#actions/reconciliation/run_reconciliation'
import fixRecharge from '#actions/reconciliation/fix_recharge'
import recalculateBalance from '#actions/reconciliation/recalculate_balance'

const API_ACTOR: Actor = { type: 'system', id: null, label: 'admin-api', role: null }

/** A use case in its own transaction, as the admin API. */
const asApi = <I, O>(useCase: UseCase<I, O>, input: I, facts: RequestFacts) => transaction((trx) => useCase.handle(input, { trx, actor: API_ACTOR, facts }))

const present = (findings: Array<Record<string, any>>) =>
  findings.map((f) => ({ id: Number(f.id), kind: f.kind, fingerprint: f.fingerprint, subject_type: f.subject_type, subject_id: f.subject_id, safe: f.safe, detail: f.detail }))

export default class FixCreditsController {
  async handle(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(fixCreditsValidator)
    const facts = requestFacts(ctx)
    switch (input.action) {
      case 'diagnose': {
        const { outcome } = await asApi<{ fields: {}; trigger: Trigger }, { outcome: RunOutcome }>(runReconciliation, { fields: {}, trigger: 'api' }, facts)
        return { action: input.action, run_id: Number(outcome.run.id), count: outcome.findings.length, findings: present(outcome.findings) }
      }
      case 'fix_orphaned_recharges':
      case 'repair_safe': {
        const which = input.action === 'repair_safe' ? (f: any) => f.safe : (f: any) => f.kind === 'orphan_payment' && f.safe
        const outcome = await diagnoseAndRepair('api', API_ACTOR, which, facts)
        return { action: input.action, run_id: Number(outcome.run.id), repaired: outcome.repaired, failed: outcome.failed }
      }
      case 'fix_specific_recharge': {
        const result = await asApi(fixRecharge, { orderId: input.order_id! }, facts)
        return { action: input.action, order_id: input.order_id, ...result }
      }
      case 'recalculate_balance': {
        const accounts = await asApi(recalculateBalance, { customerId: input.customer_id! }, facts)
        return { action: input.action, customer_id: input.customer_id, accounts }
      }
    }
  }
}
