import type { BaseRecord } from '@refinedev/core'

export type ChangeKind = 'added' | 'removed' | 'changed'

export interface FieldChange {
  field: string
  kind: ChangeKind
  before: unknown
  after: unknown
}

const asObject = (v: unknown): Record<string, unknown> => {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
  if (typeof v === 'string' && v.trim().startsWith('{')) {
    try {
      return asObject(JSON.parse(v))
    } catch {
      return {}
    }
  }
  return {}
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Field-level differences between two snapshots. A create has only `after` (all added), a delete only
 * `before` (all removed). Key order follows `after` then `before` so the diff reads like the record.
 */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const b = asObject(before)
  const a = asObject(after)
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  const changes: FieldChange[] = []
  for (const field of keys) {
    const inBefore = field in b
    const inAfter = field in a
    if (inBefore && inAfter) {
      if (!same(b[field], a[field])) changes.push({ field, kind: 'changed', before: b[field], after: a[field] })
    } else if (inAfter) {
      changes.push({ field, kind: 'added', before: undefined, after: a[field] })
    } else {
      changes.push({ field, kind: 'removed', before: b[field], after: undefined })
    }
  }
  return changes
}

/** The audit contract names before/after snapshots; older rows may use `changes` or old/new_values. */
export function snapshotsOf(entry: BaseRecord): { before: unknown; after: unknown } {
  const changes = asObject(entry.changes)
  return {
    before: entry.before ?? entry.old_values ?? changes.before ?? null,
    after: entry.after ?? entry.new_values ?? changes.after ?? null,
  }
}
