import type { AdminMeta, Operation, ResourceMeta } from './types'

/** Refine action names that map onto a CRUD operation of the resource declaration. */
const OPERATION_OF: Record<string, Operation> = {
  list: 'list', show: 'show', create: 'create', clone: 'create', edit: 'edit', delete: 'delete', export: 'export',
}

/** Permission names the meta `permissions` array uses for each Refine action. */
const PERMISSION_OF: Record<string, string> = { list: 'view', show: 'view', clone: 'create' }

/**
 * May the signed-in caller perform `action` on this resource? Both must hold: the resource offers the
 * operation (meta `operations`) and the caller's role grants it (meta `permissions`).
 */
export function canDo(resource: ResourceMeta | undefined, action: string): boolean {
  if (!resource) return false
  const operation = OPERATION_OF[action]
  if (operation && resource.operations && resource.operations[operation] === false) return false
  const permission = PERMISSION_OF[action] ?? action
  return resource.permissions.includes(permission)
}

export const GROUP_PREFIX = 'group:'
/** Pseudo-resources that are hand-written pages rather than meta resources. */
export const DASHBOARD_RESOURCE = 'dashboard'
export const ROLES_PAGE_RESOURCE = 'roles-policies'
/** "Usage by …": open to whoever may list the consumption detail it summarises. */
export const USAGE_GROUPED_RESOURCE = 'usage-grouped'
/** The reports section: a hand-written page guarded by the `reports` permissions (view, export). */
export const REPORTS_RESOURCE = 'reports'

export function findResource(meta: AdminMeta | null | undefined, name: string | undefined): ResourceMeta | undefined {
  return meta?.resources.find((r) => r.name === name)
}

/** May the caller open the Roles & policies page? Only when `roles` is editable for them. */
export function canEditPolicies(meta: AdminMeta | null | undefined): boolean {
  return canDo(findResource(meta, 'roles'), 'edit')
}

/** Resolves any Refine resource name (meta resource, menu group or custom page) to a yes/no. */
export function canAccess(meta: AdminMeta | null | undefined, resourceName: string | undefined, action: string): boolean {
  if (!meta) return false
  if (!resourceName || resourceName === DASHBOARD_RESOURCE) return true
  if (resourceName === ROLES_PAGE_RESOURCE) return canEditPolicies(meta)
  if (resourceName === USAGE_GROUPED_RESOURCE) return canDo(findResource(meta, 'usage-records'), 'list')
  if (resourceName.startsWith(GROUP_PREFIX)) {
    const group = resourceName.slice(GROUP_PREFIX.length)
    return (
      meta.resources.some((r) => r.group === group && canDo(r, 'list')) ||
      (findResource(meta, 'roles')?.group === group && canEditPolicies(meta))
    )
  }
  return canDo(findResource(meta, resourceName), action)
}
