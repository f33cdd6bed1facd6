/**
 * What the permission matrix allows an actor, for use cases that refine their answer by it (the
 * HTTP layer has already checked the action itself). The system acts with every permission;
 * a customer holds none of the console's.
 */
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#services/audit'
import permissions from '#services/permissions'
import type { StaffRow } from './rows.js'

export async function actorMay(client: QueryClientContract, actor: Actor, resource: string, action: string) {
  if (actor.type === 'system') return true
  if (actor.type !== 'staff' || actor.id === null) return false
  const staff: Pick<StaffRow, 'role_id' | 'status'> | null = await client.from('staff').where('id', actor.id).select('role_id', 'status').first()
  if (!staff || staff.status !== 'active') return false
  return permissions.allows(staff.role_id, resource, action)
}
