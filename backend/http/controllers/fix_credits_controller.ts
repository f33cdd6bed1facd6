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
import db from '@adonisjs/lucid/services/db'
import audit, { requestFacts, type Actor } from '#services/audit'
import { NotFound } from '#exceptions/domain_errors'
import { fixCreditsValidator } from '#validators/refunds'
import { diagnoseAndRepair, runReconciliation } from '#services/reconciliation/reconcile'
import { correctBalance, repairOrphan } from '#services/reconciliation/repairs'
import { balanceMismatches } from '#services/reconciliation/diagnose'

const API_ACTOR: Actor = { type: 'system', id: null, label: 'admin-api', role: null }

const present = (findings: Array<Record<string, any>>) =>
  findings.map((f) => ({ id: Number(f.id), kind: f.kind, fingerprint: f.fingerprint, subject_type: f.subject_type, subject_id: f.subject_id, safe: f.safe, detail: f.detail }))

export default class FixCreditsController {
  async handle(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(fixCreditsValidator)
    const facts = requestFacts(ctx)
    switch (input.action) {
      case 'diagnose': {
        const { run, findings } = await runReconciliation('api', API_ACTOR, facts)
        return { action: input.action, run_id: Number(run.id), count: findings.length, findings: present(findings) }
      }
      case 'fix_orphaned_recharges':
      case 'repair_safe': {
        const which = input.action === 'repair_safe' ? (f: any) => f.safe : (f: any) => f.kind === 'orphan_payment' && f.safe
        const outcome = await diagnoseAndRepair('api', API_ACTOR, which, facts)
        return { action: input.action, run_id: Number(outcome.run.id), repaired: outcome.repaired, failed: outcome.failed }
      }
      case 'fix_specific_recharge': {
        const result = await transaction(async (trx) => {
          const outcome = await repairOrphan(trx, input.order_id!, API_ACTOR)
          await audit.record(trx, { action: 'fix_specific_recharge', resource: 'orders', recordId: input.order_id!, metadata: { outcome } }, API_ACTOR, facts)
          return outcome
        })
        return { action: input.action, order_id: input.order_id, ...result }
      }
      case 'recalculate_balance': {
        const accounts = await db.from('ledger_accounts').where({ owner_type: 'customer', owner_id: input.customer_id! }).select('id')
        if (!accounts.length) throw new NotFound(`Customer ${input.customer_id} has no ledger accounts`)
        const results = []
        for (const account of accounts) {
          if (!(await balanceMismatches(account.id)).length) {
            results.push({ account_id: Number(account.id), done: false, message: 'Balance already equals its entries' })
            continue
          }
          results.push(
            await transaction(async (trx) => {
              const outcome = await correctBalance(trx, account.id, API_ACTOR)
              await audit.record(trx, { action: 'recalculate_balance', resource: 'accounts', recordId: account.id, metadata: { outcome } }, API_ACTOR, facts)
              return { account_id: Number(account.id), ...outcome }
            })
          )
        }
        return { action: input.action, customer_id: input.customer_id, accounts: results }
      }
    }
  }
}
