/**
 * Permission areas: permissions that guard a hand-written console section instead of a declared
 * resource (the reports). They sit in the permission matrix beside the resources and are granted
 * per role the same way; the meta lists each as a resource without fields, so the console shows
 * or hides the section by the same permission check as any list.
 */
import type { Label } from './types.js'
import type { ResourceMeta } from '#contract/meta'

export type PermissionArea = { name: string; label: Label; group: string; actions: string[] }

export const PERMISSION_AREAS: readonly PermissionArea[] = [
  // view: read the reports and their figures; export: CSV downloads and background exports
  { name: 'reports', label: { 'en': 'Reports', 'zh-CN': '报表' }, group: 'dashboard', actions: ['view', 'export'] },
]

/** An area as the meta describes it to a caller holding `granted` (which includes view). */
export function areaMeta(area: PermissionArea, granted: string[]): ResourceMeta {
  return {
    name: area.name,
    label: area.label,
    group: area.group,
    icon: 'dashboard',
    operations: { list: true, show: false, create: false, edit: false, delete: false, export: granted.includes('export') },
    fields: [],
    actions: [],
    permissions: granted,
  }
}
