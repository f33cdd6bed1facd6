import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace credits:repair [--finding=<id>] [--kind=<kind>] [--all]`: diagnose, then repair.
 * Default: the kinds marked safe; `--kind` limits to one kind; `--all` includes the ones that
 * need a finance decision (balance corrections, reversing recharges without a paid order);
 * `--finding` repairs one stored finding. Audited as the system actor `ace credits:repair`
 * (shell access to the server is already an operator privilege). Exits 1 if a repair failed.
 */
export default class CreditsRepair extends BaseCommand {
  static commandName = 'credits:repair'
  static description = 'Repair reconciliation findings (idempotent; safe kinds unless --all)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Repair this finding id only' })
  declare finding?: number

  @flags.string({ description: 'Only this kind (orphan_payment, recharge_without_order, balance_mismatch, stuck_pending, failed_event, stripe_mismatch, provider_refund_not_taken)' })
  declare kind?: string

  @flags.boolean({ description: 'Include the kinds that need a finance decision' })
  declare all: boolean

  async run() {
    const { diagnoseAndRepair, repairFinding } = await import('#services/reconciliation/reconcile')
    const actor = { type: 'system' as const, id: null, label: 'ace credits:repair', role: null }
    if (this.finding) {
      const { outcome } = await repairFinding(this.finding, actor)
      this.logger.info(outcome.message)
      return
    }
    const outcome = await diagnoseAndRepair('command', actor, (f) => (this.kind ? f.kind === this.kind : true) && (this.all || f.safe))
    for (const r of outcome.repaired) this.logger.info(`${r.fingerprint}: ${r.message}`)
    for (const f of outcome.failed) this.logger.error(`${f.fingerprint}: ${f.error}`)
    this.logger.success(`Run ${outcome.run.id}: ${outcome.findings.length} finding(s), ${outcome.repaired.filter((r) => r.done).length} repaired, ${outcome.failed.length} failed`)
    if (outcome.failed.length) this.exitCode = 1
  }
}
