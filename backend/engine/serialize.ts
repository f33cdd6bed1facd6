/**
 * Shapes rows for the wire. The declaration is the transformer: only declared, readable
 * fields leave the server, sensitive ones masked unless the caller may see them.
 */
import type { ResourceDef } from './types.js'
import { mask, toWire } from './values.js'

export function serializeRow(resource: ResourceDef, row: Record<string, any>, canSeeSensitive: boolean) {
  const out: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(resource.fields)) {
    if (field.writeOnly) continue
    const raw = field.compute ? field.compute(row) : row[field.column ?? name]
    const value = toWire(field, raw)
    out[name] = field.sensitive && !canSeeSensitive ? mask(value) : value
  }
  return out
}

/** The row as the audit trail records it: declared fields, sensitive and write-only values masked. */
export function auditSnapshot(resource: ResourceDef, row: Record<string, any> | null) {
  if (!row) return null
  const out: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(resource.fields)) {
    if (field.compute || field.sql) continue
    const value = toWire(field, row[field.column ?? name])
    out[name] = field.writeOnly ? (value ? '[set]' : null) : field.sensitive ? mask(value) : value
  }
  return out
}
