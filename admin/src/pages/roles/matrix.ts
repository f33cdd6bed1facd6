import type { LocalizedText } from '../../meta/types'

/** GET /api/admin/permissions/matrix */
export interface PermissionMatrix {
  roles: { id: number | string; name: string; label?: LocalizedText; system?: boolean; description?: string }[]
  resources: { name: string; label?: LocalizedText; actions: string[] }[]
  grants: Record<string, Grants>
}

/** resource → granted action names, for one role. */
export type Grants = Record<string, string[]>

export interface Grant {
  resource: string
  action: string
}

export const SUPER_ADMIN = 'super_admin'

/** Permissions every resource may offer; the matrix gives each a column. Other actions are per resource. */
export const STANDARD_ACTIONS = ['view', 'create', 'edit', 'delete', 'export', 'view_sensitive']

/** What saving `after` over `before` would grant and revoke, in a stable order. */
export function diffGrants(before: Grants, after: Grants): { added: Grant[]; removed: Grant[] } {
  const added: Grant[] = []
  const removed: Grant[] = []
  const resources = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  for (const resource of resources) {
    const was = new Set(before[resource] ?? [])
    const now = new Set(after[resource] ?? [])
    for (const action of [...now].sort()) if (!was.has(action)) added.push({ resource, action })
    for (const action of [...was].sort()) if (!now.has(action)) removed.push({ resource, action })
  }
  return { added, removed }
}

/** Every action any resource offers, in first-seen order: the matrix columns. */
export function actionColumns(matrix: PermissionMatrix): string[] {
  const seen: string[] = []
  for (const r of matrix.resources) for (const a of r.actions) if (!seen.includes(a)) seen.push(a)
  return seen
}

/** Super admin holds everything; show it as such. */
export function allGrants(matrix: PermissionMatrix): Grants {
  return Object.fromEntries(matrix.resources.map((r) => [r.name, [...r.actions]]))
}

export function toggleGrant(grants: Grants, resource: string, action: string, on: boolean): Grants {
  const current = new Set(grants[resource] ?? [])
  if (on) current.add(action)
  else current.delete(action)
  return { ...grants, [resource]: [...current] }
}

/** Normalises a role's grants: drops empty lists so "no entry" and "[]" compare equal. */
export function normalizeGrants(grants: Grants | undefined): Grants {
  return Object.fromEntries(Object.entries(grants ?? {}).filter(([, actions]) => actions.length > 0).map(([r, a]) => [r, [...a].sort()]))
}
