/**
 * The permission matrix and the role rows, cached per role. The cache is dropped when a role or
 * the matrix changes in this process and re-read at most every few seconds otherwise, so several
 * app instances converge quickly after a change made on another one. Which role a staff member
 * holds is never cached: the sign-in check reads the staff row on every request
 * (backend/http/middleware/session_auth.ts).
 */
import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'

const TTL_MS = 5_000

type Entry = { grants: Set<string>; isSuperAdmin: boolean; role: Record<string, unknown> | null; loadedAt: number }

class PermissionCache {
  #byRole = new Map<number, Entry>()
  /** loads under way, so a burst of requests after expiry reads the role once */
  #loading = new Map<number, Promise<Entry>>()
  /** bumped by invalidate(): a load that started before it does not refill the cache */
  #generation = 0

  async forRole(roleId: number): Promise<Entry> {
    const cached = this.#byRole.get(roleId)
    if (cached && Date.now() - cached.loadedAt < TTL_MS) return cached
    const pending = this.#loading.get(roleId)
    if (pending) return pending
    const loading = this.#load(roleId)
    this.#loading.set(roleId, loading)
    const settled = () => {
      if (this.#loading.get(roleId) === loading) this.#loading.delete(roleId)
    }
    loading.then(settled, settled)
    return loading
  }

  async #load(roleId: number): Promise<Entry> {
    const generation = this.#generation
    const [role, rows] = await Promise.all([
      db.from('roles').where('id', roleId).first(),
      db.from('role_permissions').where('role_id', roleId).select('resource', 'action'),
    ])
    const entry: Entry = {
      grants: new Set(rows.map((r) => `${r.resource}:${r.action}`)),
      isSuperAdmin: role?.name === Role.SUPER_ADMIN,
      role: role ?? null,
      loadedAt: Date.now(),
    }
    if (generation === this.#generation) this.#byRole.set(roleId, entry)
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

  /** The role as a model of its own for the caller (never a shared instance), or null if it is gone. */
  async role(roleId: number): Promise<Role | null> {
    const { role } = await this.forRole(roleId)
    return role ? Role.$createFromAdapterResult(role)! : null
  }

  invalidate() {
    this.#generation++
    this.#byRole.clear()
    this.#loading.clear()
  }
}

const permissions = new PermissionCache()
export default permissions
