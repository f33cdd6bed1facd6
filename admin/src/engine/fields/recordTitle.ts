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
