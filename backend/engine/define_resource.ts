import type { ResourceDef } from './types.js'

/** Declares a resource. Identity at runtime; it exists for types and for a checked shape. */
export function defineResource(definition: ResourceDef): ResourceDef {
  for (const [name, field] of Object.entries(definition.fields)) {
    if (field.type === 'enum' && !field.options?.length) {
      throw new Error(`Resource ${definition.name}: enum field "${name}" needs options`)
    }
    if (field.type === 'relation' && !field.relation) {
      throw new Error(`Resource ${definition.name}: relation field "${name}" needs a relation`)
    }
  }
  for (const sort of definition.defaultSort) {
    if (!definition.fields[sort.field]?.sortable) {
      throw new Error(`Resource ${definition.name}: default sort "${sort.field}" is not a sortable field`)
    }
  }
  return definition
}
