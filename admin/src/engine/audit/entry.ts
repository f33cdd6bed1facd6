import type { BaseRecord } from '@refinedev/core'

/** Name of the audit-log resource in meta and in URLs. */
export const AUDIT_RESOURCE = 'audit-logs'

/**
 * Audit rows are read leniently: the contract fixes resource/record_id filtering and a before/after
 * diff, but not the actor's column names, so the common spellings are all accepted.
 */
export function actorLabel(entry: BaseRecord, systemLabel = 'system'): string {
  const actor = entry.actor && typeof entry.actor === 'object' ? (entry.actor as Record<string, unknown>) : {}
  if ((entry.actor_type ?? actor.type) === 'system') return systemLabel
  const name = labelOf(entry, 'actor_id') ?? entry.actor_label ?? entry.actor_name ?? actor.name ?? entry.actor_email ?? actor.email
  if (name) return String(name)
  const id = entry.actor_id ?? actor.id
  const type = entry.actor_type ?? actor.type
  if (id !== undefined && id !== null) return `${type ? `${type} ` : ''}#${id}`
  return typeof entry.actor === 'string' ? entry.actor : systemLabel
}

export const timeOf = (entry: BaseRecord): unknown => entry.occurred_at ?? entry.created_at ?? entry.createdAt ?? entry.at

/**
 * The server's label for an id column of a row (`_labels`, see backend/engine/labels.ts): the
 * current title of the record it points at, or null when that record is gone or not visible.
 */
export function labelOf(row: BaseRecord, field: string): string | null {
  const labels = row._labels && typeof row._labels === 'object' ? (row._labels as Record<string, unknown>) : null
  const value = labels?.[field]
  return typeof value === 'string' && value ? value : null
}

/** The audited record as people know it ("bob@example.com", "VEO-2026-0042"), "#id" when it has no label. */
export function recordLabel(entry: BaseRecord): string | null {
  if (entry.record_id === null || entry.record_id === undefined || entry.record_id === '') return null
  return labelOf(entry, 'record_id') ?? `#${entry.record_id}`
}
