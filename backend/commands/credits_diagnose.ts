import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `node ace credits:diagnose [--json]`: one reconciliation run; exits 1 when something is found. */
export default class CreditsDiagnose extends BaseCommand {
  static commandName = 'credits:diagnose'
  static description = 'Find paid orders without credit, recharges without a paid order, balance drift, stuck orders, failed events, Stripe mismatches'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print the findings as JSON' })
  declare json: boolean

  async run() {
    const { default: runReconciliation } = await import('#actions/reconciliation/run_reconciliation')
    const { transaction } = await import('#services/transaction')
    const { NO_REQUEST } = await import('#services/use_case')
    const actor = { type: 'system' as const, id: null, label: 'ace credits:diagnose', role: null }
    const { outcome } = await transaction((trx) => runReconciliation.handle({ fields: {}, trigger: 'command' }, { trx, actor, facts: NO_REQUEST }))
    const { run, findings } = outcome
    if (this.json) {
      this.logger.log(JSON.stringify({ run_id: Number(run.id), findings }, null, 2))
    } else if (!findings.length) {
      this.logger.success(`Run ${run.id}: everything reconciles`)
    } else {
      const table = this.ui.table()
      table.head(['finding', 'kind', 'subject', 'safe'])
      for (const f of findings) table.row([String(f.id), f.kind, `${f.subject_type} ${f.subject_id}`, f.safe ? 'yes' : 'no'])
      table.render()
    }
    if (findings.length) this.exitCode = 1
  }
}
