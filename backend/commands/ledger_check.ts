import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { checkInvariants } from '#services/ledger/invariants'

/** `npm run ace -- ledger:check`: lists ledger invariant violations; exits 1 when there are any. */
export default class LedgerCheck extends BaseCommand {
  static commandName = 'ledger:check'
  static description = 'Check the ledger invariants (balanced transactions, balances = entries, no overdraft)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const violations = await checkInvariants()
    if (!violations.length) {
      this.logger.success('Ledger invariants hold')
      return
    }
    const table = this.ui.table()
    table.head(['kind', 'id', 'detail'])
    for (const v of violations) table.row([v.kind, v.id, v.detail])
    table.render()
    this.exitCode = 1
  }
}
