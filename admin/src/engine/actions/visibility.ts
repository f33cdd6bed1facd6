import type { BaseRecord } from '@refinedev/core'
import type { ActionMeta, ActionScope, ResourceMeta } from '../../meta/types'

/** Declared actions of one scope that the caller's role may run. */
export function permittedActions(resource: ResourceMeta, scope: ActionScope): ActionMeta[] {
  return (resource.actions ?? []).filter((a) => a.scope === scope && resource.permissions.includes(a.name))
}

/** Does the record satisfy the action's `when` condition (e.g. only unfrozen users can be frozen)? */
export function actionApplies(action: ActionMeta, record?: BaseRecord): boolean {
  const when = action.when
  if (!when || !record) return true
  const value = record[when.field]
  const same = (a: unknown, b: unknown) => a === b || String(a) === String(b)
  if ('eq' in when && !same(value, when.eq)) return false
  if ('ne' in when && same(value, when.ne)) return false
  if (Array.isArray(when.in) && !when.in.some((v) => same(value, v))) return false
  return true
}

/** Endpoint of an action: per record, or on the collection (bulk sends `ids`). */
export function actionUrl(apiUrl: string, resource: string, action: string, recordId?: string | number): string {
  return recordId !== undefined
    ? `${apiUrl}/${resource}/${encodeURIComponent(String(recordId))}/actions/${action}`
    : `${apiUrl}/${resource}/actions/${action}`
}
