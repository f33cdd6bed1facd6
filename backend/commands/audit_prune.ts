import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { pruneAuditLogs } from '#services/seal/prune_audit_logs'

/**
 * `npm run ace -- audit:prune` deletes audit rows older than the retention period
 * (AUDIT_RETENTION_DAYS, default 400), connected as the maintenance role. It is the only way
 * audit rows are ever deleted; it leaves a signed checkpoint in the seal chain (so
 * `audit:verify` still passes) and an audit row of its own.
 */
export default class AuditPrune extends BaseCommand {
  static commandName = 'audit:prune'
  static description = 'Delete audit rows older than the retention period (audited)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Retention in days (default: AUDIT_RETENTION_DAYS or 400)' })
  declare days?: number

  async run() {
    let result
    try {
      result = await pruneAuditLogs(this.days)
    } catch (error: any) {
      // the database's refusal (inside the minimum retention, a broken chain) is the message
      this.logger.error(String(error?.message ?? error).split(' - ').at(-1) ?? 'pruning failed')
      this.exitCode = 1
      return
    }
    this.logger.success(`Removed ${result.removed} audit rows older than ${result.cutoff} (${result.days} days retention); checkpoint signed`)
  }
}
