/**
 * The permission matrix, cached per role. The cache is dropped when the matrix changes in
 * this process and re-read at most every few seconds otherwise, so several app instances
 * converge quickly after a change made on another one.
 */
import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'

const TTL_MS = 5_000

type Entry = { grants: Set<string>; isSuperAdmin: boolean; loadedAt: number }

class PermissionCache {
  #byRole = new Map<number, Entry>()

  async forRole(roleId: number): Promise<Entry> {
    const cached = this.#byRole.get(roleId)
    if (cached && Date.now() - cached.loadedAt < TTL_MS) return cached
    const role = await db.from('roles').where('id', roleId).first()
    const rows = await db.from('role_permissions').where('role_id', roleId).select('resource', 'action')
    const entry: Entry = {
      grants: new Set(rows.map((r) => `${r.resource}:${r.action}`)),
      isSuperAdmin: role?.name === Role.SUPER_ADMIN,
      loadedAt: Date.now(),
    }
    this.#byRole.set(roleId, entry)
    return entry
  }

  async allows(roleId: number, resource: string, action: string) {
    const entry = await this.forRole(roleId)
    return entry.isSuperAdmin || entry.grants.has(`${resource}:${action}`)
  }

  /** The actions of `resource` that the role holds, out of `all`. */
  async actionsOn(roleId: number, resource: string, all: string[]) {
    const entry = await this.forRole(roleId)
    return all.filter((action) => entry.isSuperAdmin || entry.grants.has(`${resource}:${action}`))
  }

  invalidate() {
    this.#byRole.clear()
  }
}

const permissions = new PermissionCache()
export default permissions
