/** A role's grants as `{ resource: [action, …] }`, each list sorted (the permission matrix's wire shape). */
export type GrantMap = Record<string, string[]>

export function toGrantMap(rows: Array<{ resource: string; action: string }>): GrantMap {
  const map: GrantMap = {}
  for (const { resource, action } of rows) (map[resource] ??= []).push(action)
  for (const list of Object.values(map)) list.sort()
  return map
}
