/**
 * Replaces one role's grants in the permission matrix. super_admin holds everything by
 * definition and cannot be edited. Unknown resources or actions are refused by name. The
 * before/after grant lists are audited in the caller's transaction, and the permission cache
 * is dropped once it commits.
 */
import Role from '#models/role'
import audit from '#services/audit'
import permissions from '#services/permissions'
import type { UseCase } from '#services/use_case'
import { BadRequest, InvalidInput, NotFound } from '#exceptions/domain_errors'
import { permissionTargets } from '#engine/registry'
import { toGrantMap, type GrantMap } from '#services/staff/grants'

const updateRolePermissions: UseCase<{ roleName: string; grants: unknown }, GrantMap> = {
  async handle({ roleName, grants }, { trx, actor, facts }) {
    const wanted = readGrants(grants)
    const role = await Role.query({ client: trx }).where('name', roleName).forUpdate().first()
    if (!role) throw new NotFound(`Role "${roleName}" was not found`)
    if (role.name === Role.SUPER_ADMIN) throw new BadRequest('super_admin holds every permission and cannot be edited')
    const beforeRows: Array<{ resource: string; action: string }> = await trx.from('role_permissions').where('role_id', role.id).select('resource', 'action')
    await trx.from('role_permissions').where('role_id', role.id).delete()
    if (wanted.length) {
      await trx.insertQuery().table('role_permissions').multiInsert(wanted.map((w) => ({ role_id: role.id, ...w })))
    }
    const before = toGrantMap(beforeRows)
    const after = toGrantMap(wanted)
    await audit.record(trx, { action: 'permissions.update', resource: 'roles', recordId: role.id, before, after }, actor, facts)
    trx.after('commit', () => permissions.invalidate())
    return after
  },
}
export default updateRolePermissions

/** `{ resource: [action, …] }` checked against the declared resources and permission areas. */
function readGrants(grants: unknown) {
  if (!grants || typeof grants !== 'object' || Array.isArray(grants)) {
    throw new InvalidInput([{ field: 'grants', message: '"grants" must map resource names to lists of actions' }])
  }
  const known = new Map(permissionTargets().map((r) => [r.name, new Set(r.actions)]))
  const wanted: Array<{ resource: string; action: string }> = []
  for (const [resource, actions] of Object.entries(grants as Record<string, unknown>)) {
    const allowed = known.get(resource)
    if (!allowed) throw new InvalidInput([{ field: `grants.${resource}`, message: `Unknown resource "${resource}"` }])
    if (!Array.isArray(actions) || actions.some((a) => typeof a !== 'string')) {
      throw new InvalidInput([{ field: `grants.${resource}`, message: 'Actions must be a list of names' }])
    }
    for (const action of new Set(actions as string[])) {
      if (!allowed.has(action)) throw new InvalidInput([{ field: `grants.${resource}`, message: `Unknown action "${action}" on ${resource}` }])
      wanted.push({ resource, action })
    }
  }
  return wanted
}
