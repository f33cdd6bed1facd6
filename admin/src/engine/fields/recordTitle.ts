import type { BaseKey, BaseRecord } from '@refinedev/core'
import type { ResourceMeta } from '../../meta/types'

/** A record's human title: the preferred field, else the resource titleField, else "#id". */
export function recordTitle(record: BaseRecord | undefined, resource?: ResourceMeta, preferred?: string): string {
  if (!record) return ''
  for (const key of [preferred, resource?.titleField, 'name', 'label', 'email', 'title']) {
    const value = key ? record[key] : undefined
    if (value !== undefined && value !== null && value !== '' && typeof value !== 'object') return String(value)
  }
  return record.id !== undefined ? `#${record.id}` : ''
}

/** The record's key in URLs: its declared primaryKey column, "id" by default. */
export function idOf(resource: ResourceMeta | undefined, record: BaseRecord | undefined): BaseKey | undefined {
  return record?.[resource?.primaryKey ?? 'id'] as BaseKey | undefined
}

/**
 * The server's label for a relation value of this row (`_labels[field]`, sent with every list, show
 * and getMany row): a string, null when the related record has no label (e.g. it was deleted), or
 * undefined when the row carries no labels and the console must look the record up itself.
 */
export function relationLabelOf(record: BaseRecord | undefined, field: string): string | null | undefined {
  const labels = record?._labels
  if (!labels || typeof labels !== 'object' || !(field in labels)) return undefined
  const value = (labels as Record<string, unknown>)[field]
  return value === null || value === undefined || value === '' ? null : String(value)
}
