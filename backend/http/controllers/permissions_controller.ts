import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'
import { assertOnlyKeys } from '#validators/strict'
import { permissionTargets } from '#engine/registry'
import updateRolePermissions from '#actions/roles/update_role_permissions'
import { toGrantMap } from '#services/staff/grants'
import { runUseCase } from '#http/use_cases'

/** The permission matrix: roles × resources × actions. */
export default class PermissionsController {
  async matrix() {
    const roles = await Role.query().orderBy('id')
    const rows = await db.from('role_permissions').join('roles', 'roles.id', 'role_permissions.role_id').select('roles.name as role', 'resource', 'action')
    const resources = permissionTargets()
    const grants: Record<string, Record<string, string[]>> = {}
    for (const role of roles) {
      grants[role.name] =
        role.name === Role.SUPER_ADMIN
          ? Object.fromEntries(resources.map((r) => [r.name, [...r.actions]]))
          : toGrantMap(rows.filter((r) => r.role === role.name))
    }
    return {
      roles: roles.map((r) => ({ id: r.id, name: r.name, label: r.label, description: r.description, system: r.isSystem })),
      resources,
      grants,
    }
  }

  async update(ctx: HttpContext) {
    assertOnlyKeys(ctx.request.body(), ['grants'])
    const grants = await runUseCase(ctx, updateRolePermissions, { roleName: ctx.params.role, grants: ctx.request.input('grants') })
    return { role: ctx.params.role, grants }
  }
}
