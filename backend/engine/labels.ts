/**
 * Relation labels: every row a list, show or getMany returns carries `_labels` — for each
 * relation field (and each id field labelled through another column, see `labelBy`) the title
 * of the record it points at, so no screen or export shows "Customer 108" or "Operator #3".
 *
 * One query per target resource per page, whatever the number of rows (no N+1). A title the
 * caller would see masked on the target (a customer's email without `view_sensitive`) is masked
 * here too; a target that no longer exists labels as null.
 */
import db from '@adonisjs/lucid/services/db'
import type { FieldDef, ResourceDef } from './types.js'
import { findResource } from './registry.js'
import { mask, toWire } from './values.js'

export type Labels = Record<string, string | null>

/** What the caller may do, asked once per request and resource (see engine/access.ts). */
export type Access = { allows(resource: string, action: string): Promise<boolean> }

type Wanted = { target: ResourceDef; labelField: string; ids: Set<string> }

/** The fields of `resource` that carry a label, for this caller. */
export function labelledFields(resource: ResourceDef, canSeeSensitive: boolean) {
  return Object.entries(resource.fields).filter(
    ([, f]) => !f.writeOnly && (f.type === 'relation' || f.labelBy) && (!f.sensitive || canSeeSensitive)
  )
}

/** The resource and title field an id of `field` on `row` points at, if any. */
function targetOf(field: FieldDef, row: Record<string, any>): { target: ResourceDef; labelField: string } | null {
  if (field.relation) {
    const target = findResource(field.relation.resource)
    return target ? { target, labelField: field.relation.labelField } : null
  }
  const kind = row[field.labelBy!.typeField]
  if (typeof kind !== 'string') return null
  const map = field.labelBy!.resources
  const name = map === '*' ? kind : Object.hasOwn(map, kind) ? map[kind] : undefined
  const target = name ? findResource(name) : undefined
  return target ? { target, labelField: target.titleField } : null
}

/** `_labels` for each row, in order. `rows` are raw database rows of `resource`. */
export async function labelRows(resource: ResourceDef, rows: Array<Record<string, any>>, access: Access, canSeeSensitive: boolean): Promise<Labels[]> {
  const fields = labelledFields(resource, canSeeSensitive)
  if (!fields.length) return rows.map(() => ({}))
  const wanted = new Map<string, Wanted>()
  const pointers = rows.map((row) =>
    fields.map(([name, field]) => {
      const id = row[field.column ?? name]
      const to = id === null || id === undefined ? null : targetOf(field, row)
      if (!to || !validId(to.target, String(id))) return null
      const key = `${to.target.name}\u0000${to.labelField}`
      if (!wanted.has(key)) wanted.set(key, { ...to, ids: new Set() })
      wanted.get(key)!.ids.add(String(id))
      return { key, id: String(id) }
    })
  )
  const titles = new Map<string, Map<string, string | null>>()
  await Promise.all([...wanted].map(async ([key, want]) => titles.set(key, await titlesOf(want, access))))
  return pointers.map((row) =>
    Object.fromEntries(fields.map(([name], i) => [name, row[i] ? (titles.get(row[i]!.key)?.get(row[i]!.id) ?? null) : null]))
  )
}

function validId(target: ResourceDef, id: string) {
  const pk = target.fields[target.primaryKey ?? 'id']
  return pk?.type === 'number' || pk?.type === 'relation' ? /^\d{1,18}$/.test(id) : id.length <= 64
}

/** id → title on `target`, read in one query. */
async function titlesOf({ target, labelField, ids }: Wanted, access: Access): Promise<Map<string, string | null>> {
  const pk = target.primaryKey ?? 'id'
  const field = target.fields[labelField]
  if (!field || labelField === pk) return new Map([...ids].map((id) => [id, `#${id}`]))
  const masked = field.sensitive && !(await access.allows(target.name, 'view_sensitive'))
  const query = db.from(target.table).whereIn(pk, [...ids])
  if (field.compute) query.select('*')
  else if (field.sql) query.select(pk, db.raw(`(${field.sql}) as ??`, ['label']))
  else query.select(pk, db.raw('?? as ??', [field.column ?? labelField, 'label']))
  const found = await query
  const out = new Map<string, string | null>()
  for (const row of found) {
    const raw = field.compute ? field.compute(row) : toWire(field, row.label)
    const text = raw === null || raw === undefined || raw === '' ? null : String(raw)
    out.set(String(row[pk]), masked ? mask(text) : text)
  }
  return out
}
