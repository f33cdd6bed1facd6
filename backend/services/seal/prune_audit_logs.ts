/**
 * Retention pruning of the audit trail, as the maintenance role. That role may only call two
 * database functions that run as the owner: audit_prune_plan() says where the chain of seals
 * will resume, prune_audit_logs() deletes sealed rows older than the cutoff and records the
 * checkpoint this command signed with the seal key. Both refuse a cutoff inside the minimum
 * retention (AUDIT_RETENTION_DAYS, never under 30 days); the prune is itself audited.
 *
 * The audit chain is sealed and verified first: a chain that is already broken is not pruned
 * (a checkpoint over it would hide the break).
 */
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { BadRequest, Conflict } from '#exceptions/domain_errors'
import { CHAINS, checkpointSignature } from '#services/seal/chains'
import { sealKey } from '#services/seal/key'
import { sealPending } from '#services/seal/sealer'
import { verifyChain } from '#services/seal/verify'

export const DEFAULT_RETENTION_DAYS = 400

export async function pruneAuditLogs(days = env.get('AUDIT_RETENTION_DAYS') ?? DEFAULT_RETENTION_DAYS) {
  if (!Number.isInteger(days) || days < 30) throw new BadRequest('Retention must be a whole number of at least 30 days')
  if (!process.env.DATABASE_MAINTENANCE_URL) throw new BadRequest('Pruning connects as the maintenance role: set DATABASE_MAINTENANCE_URL')
  const cutoff = new Date(Date.now() - days * 86400_000)

  await sealPending()
  const report = await verifyChain(db.connection(), CHAINS.audit)
  if (report.problem && report.problem.kind !== 'unsealed') {
    throw new Conflict(`The audit chain is broken (${report.problem.detail}); not pruning`)
  }

  const removed = await db.connection('maintenance').transaction(async (trx) => {
    const { rows } = await trx.rawQuery('SELECT seq::text AS seq, mac, head::text AS head, cutoff_text FROM audit_prune_plan(?::timestamptz)', [cutoff])
    const plan = rows[0]
    const signature = checkpointSignature(sealKey(), { chain: 'audit', seq: plan.seq, mac: plan.mac, head: plan.head, cutoff: plan.cutoff_text })
    const result = await trx.rawQuery('SELECT prune_audit_logs(?::timestamptz, ?::bigint, ?, ?::bigint, ?) AS removed', [cutoff, plan.seq, plan.mac, plan.head, signature])
    return Number(result.rows[0].removed)
  })
  return { removed, cutoff: cutoff.toISOString(), days }
}
