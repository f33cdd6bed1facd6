import type { ResourceDef } from './types.js'

/** More inline filters than this push the table below the fold; the rest sit behind "More filters". */
export const MAX_PRIMARY_FILTERS = 6

/** Declares a resource, refusing at boot a declaration the engine could not serve. */
export function defineResource(definition: ResourceDef): ResourceDef {
  const fail = (message: string): never => {
    throw new Error(`Resource ${definition.name}: ${message}`)
  }
  const fields = definition.fields
  for (const [name, field] of Object.entries(fields)) {
    if (field.type === 'enum' && !field.options?.length) fail(`enum field "${name}" needs options`)
    if (field.type === 'relation' && !field.relation) fail(`relation field "${name}" needs a relation`)
    if (field.sql && (field.create || field.edit || field.compute)) fail(`computed field "${name}" cannot be written or also computed in code`)
    if (field.labelBy && !fields[field.labelBy.typeField]) fail(`field "${name}" is labelled by an undeclared field "${field.labelBy.typeField}"`)
    if (field.currencyField && !fields[field.currencyField]) fail(`money field "${name}" names an undeclared currency field "${field.currencyField}"`)
  }
  for (const sort of definition.defaultSort) {
    if (!fields[sort.field]?.sortable) fail(`default sort "${sort.field}" is not a sortable field`)
  }
  const primary = definition.primaryFilters ?? []
  if (primary.length > MAX_PRIMARY_FILTERS) fail(`${primary.length} primary filters declared, ${MAX_PRIMARY_FILTERS} at most`)
  for (const name of primary) {
    if (!fields[name]?.filter?.length) fail(`primary filter "${name}" is not a filterable field`)
  }
  if (definition.quickTabs) {
    const { field: name, tabs } = definition.quickTabs
    const field = fields[name]
    if (!field?.filter?.some((op) => op === 'eq' || op === 'in')) fail(`quick tabs field "${name}" cannot be filtered by value`)
    for (const tab of tabs) {
      if (tab.key === 'all') fail('the quick tab "all" is implicit')
      const unknown = tab.values.find((v) => field!.type === 'enum' && !field!.options!.some((o) => o.value === v))
      if (!tab.values.length || unknown !== undefined) fail(`quick tab "${tab.key}" has no values or an unknown one (${unknown})`)
    }
  }
  for (const name of definition.totals ?? []) {
    const field = fields[name]
    if (field?.type === 'number' && !field.sql) continue
    if (field?.type !== 'money') fail(`total "${name}" is not a money field or a number column`)
    if (!field!.currency && !field!.currencyField) fail(`total "${name}" needs a currency or a currency field`)
  }
  return definition
}
