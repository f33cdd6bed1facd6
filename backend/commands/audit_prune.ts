import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { pruneAuditLogs } from '#actions/audit/prune_audit_logs'

/**
 * `npm run ace -- audit:prune` deletes audit rows older than the retention period
 * (AUDIT_RETENTION_DAYS, default 400). It is the only way audit rows are ever deleted,
 * and it leaves an audit row of its own.
 */
export default class AuditPrune extends BaseCommand {
  static commandName = 'audit:prune'
  static description = 'Delete audit rows older than the retention period (audited)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Retention in days (default: AUDIT_RETENTION_DAYS or 400)' })
  declare days?: number

  async run() {
    const result = await pruneAuditLogs(this.days)
    this.logger.success(`Removed ${result.removed} audit rows older than ${result.cutoff} (${result.days} days retention)`)
  }
}
