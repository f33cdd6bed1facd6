/**
 * Audit rows for order changes made outside the engine's actions (webhooks, the expiry job,
 * the portal): the changed fields before → after, in the caller's transaction.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { diff, type Actor, type RequestFacts } from '#services/audit'
import { auditSnapshot } from '#engine/serialize'
import orders from '#resources/orders'

export const NO_REQUEST: RequestFacts = { ip: null, userAgent: null, requestId: null }

export async function auditOrder(
  trx: TransactionClientContract,
  entry: { action: string; before: Record<string, any> | null; after: Record<string, any>; reason?: string | null; metadata?: Record<string, unknown> },
  actor: Actor,
  facts: RequestFacts = NO_REQUEST
) {
  const changes = entry.before ? diff(auditSnapshot(orders, entry.before), auditSnapshot(orders, entry.after)) : { before: null, after: auditSnapshot(orders, entry.after) }
  await audit.record(
    trx,
    { action: entry.action, resource: 'orders', recordId: entry.after.id, ...changes, reason: entry.reason ?? null, metadata: entry.metadata ?? null },
    actor,
    facts
  )
}
