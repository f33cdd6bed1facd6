import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { verifyIntegrity } from '#services/seal/verify'

/**
 * `npm run ace -- audit:verify` checks the sealed chains of the audit trail and of the ledger
 * transactions and names the first broken link. Exit code 1 when anything is wrong. Note the
 * printed head (seq and mac) somewhere else: it anchors the chain against truncation of its end.
 */
export default class AuditVerify extends BaseCommand {
  static commandName = 'audit:verify'
  static description = 'Verify the tamper-evident seals of the audit trail and the ledger'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print the report as JSON' })
  declare json?: boolean

  @flags.number({ description: 'Seconds a row may wait for its seal before it counts as unsealed (default 60)' })
  declare delay?: number

  async run() {
    const report = await verifyIntegrity(undefined, { delaySeconds: this.delay })
    if (this.json) {
      this.logger.log(JSON.stringify(report, null, 2))
    } else {
      for (const chain of report.chains) {
        const head = `${chain.sealed} sealed after checkpoint ${chain.checkpointSeq}, head ${chain.headSeq} ${chain.headMac.slice(0, 16)}…`
        if (chain.ok) this.logger.success(`${chain.chain}: intact (${head})`)
        else this.logger.error(`${chain.chain}: ${chain.problem!.kind} — ${chain.problem!.detail} (${head})`)
      }
    }
    if (!report.ok) this.exitCode = 1
  }
}
