/**
 * Every file in backend/resources/ (except those starting with `_`) declares one resource.
 * They are loaded once at boot, before routes are registered.
 */
import { readdir } from 'node:fs/promises'
import type { Label, ResourceDef } from './types.js'
import { PERMISSION_AREAS } from './areas.js'

const resources = new Map<string, ResourceDef>()

export async function loadResources() {
  if (resources.size) return resources
  const dir = new URL('../resources/', import.meta.url)
  const files = (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('_')).sort()
  for (const file of files) {
    const module = await import(new URL(file.replace(/\.ts$/, '.js'), dir).href)
    const definition: ResourceDef = module.default
    if (resources.has(definition.name)) throw new Error(`Resource "${definition.name}" is declared twice`)
    resources.set(definition.name, definition)
  }
  return resources
}

export function allResources(): ResourceDef[] {
  return [...resources.values()].sort((a, b) => (a.menuOrder ?? 100) - (b.menuOrder ?? 100))
}

export function findResource(name: string): ResourceDef | undefined {
  return resources.get(name)
}

/** Every permission that exists on a resource: CRUD, export, view_sensitive and its custom actions. */
export function permissionNames(resource: ResourceDef): string[] {
  const ops = resource.operations ?? {}
  const names: string[] = ['view']
  if (ops.create) names.push('create')
  if (ops.edit) names.push('edit')
  if (ops.delete) names.push('delete')
  if (ops.export !== false) names.push('export')
  if (Object.values(resource.fields).some((f) => f.sensitive)) names.push('view_sensitive')
  names.push(...Object.keys(resource.actions ?? {}))
  names.push(...(resource.extraPermissions ?? []))
  return names.filter((n, i) => names.indexOf(n) === i)
}

/** Everything the permission matrix grants on: each resource with its permissions, then the permission areas. */
export function permissionTargets(): Array<{ name: string; label: Label; actions: string[] }> {
  return [
    ...allResources().map((r) => ({ name: r.name, label: r.label, actions: permissionNames(r) })),
    ...PERMISSION_AREAS.map((a) => ({ name: a.name, label: a.label, actions: [...a.actions] })),
  ]
}
