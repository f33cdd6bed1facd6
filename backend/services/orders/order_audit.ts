/**
 * Audit rows for order changes made outside the engine's actions (webhooks, the expiry job,
 * the portal): the changed fields before → after, in the caller's transaction. The snapshot is
 * the one the engine writes for the orders resource (same fields, same masking), found through
 * the registry so that this domain code does not import the console declaration.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { diff, type Actor, type RequestFacts } from '#services/audit'
import { auditSnapshot } from '#engine/serialize'
import { loadResources } from '#engine/registry'
import { NO_REQUEST } from '#services/use_case'
import type { OrderRow } from './rows.js'

export async function auditOrder(
  trx: TransactionClientContract,
  entry: { action: string; before: OrderRow | null; after: OrderRow; reason?: string | null; metadata?: Record<string, unknown> },
  actor: Actor,
  facts: RequestFacts = NO_REQUEST
) {
  const orders = (await loadResources()).get('orders')!
  const changes = entry.before ? diff(auditSnapshot(orders, entry.before), auditSnapshot(orders, entry.after)) : { before: null, after: auditSnapshot(orders, entry.after) }
  await audit.record(
    trx,
    { action: entry.action, resource: 'orders', recordId: entry.after.id, ...changes, reason: entry.reason ?? null, metadata: entry.metadata ?? null },
    actor,
    facts
  )
}
