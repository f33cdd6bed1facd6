/**
 * Retention pruning of the audit trail. Deletion goes through prune_audit_logs(), the one
 * database function the append-only trigger lets through, and the prune itself is audited
 * in the same transaction.
 */
import { transaction } from '#services/transaction'
import env from '#start/env'
import audit, { SYSTEM_ACTOR } from '#services/audit'
import { BadRequest } from '#exceptions/domain_errors'

export const DEFAULT_RETENTION_DAYS = 400

export async function pruneAuditLogs(days = env.get('AUDIT_RETENTION_DAYS') ?? DEFAULT_RETENTION_DAYS) {
  if (!Number.isInteger(days) || days < 30) throw new BadRequest('Retention must be a whole number of at least 30 days')
  const cutoff = new Date(Date.now() - days * 86400_000)
  const removed = await transaction(async (trx) => {
    const result = await trx.rawQuery('SELECT prune_audit_logs(?) AS removed', [cutoff])
    const count = Number(result.rows[0].removed)
    await audit.record(trx, { action: 'audit.prune', resource: 'audit-logs', metadata: { cutoff: cutoff.toISOString(), days, removed: count } }, SYSTEM_ACTOR, {
      ip: null,
      userAgent: null,
      requestId: null,
    })
    return count
  })
  return { removed, cutoff: cutoff.toISOString(), days }
}
