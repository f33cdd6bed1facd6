import type { BaseKey, BaseRecord, CrudSort } from '@refinedev/core'
import { getDefaultSortOrder } from '@refinedev/antd'
import type { TableColumnType } from 'antd'
import { Link } from 'react-router'
import type { FieldMeta, ResourceMeta } from '../../meta/types'
import { canDo } from '../../meta/permissions'
import { FieldValue } from '../fields/FieldValue'
import { idOf, relationLabelOf } from '../fields/recordTitle'

type Label = (text: FieldMeta['label'], fallback: string) => string

/** Fields the list shows, in declaration order. */
export const listFieldsOf = (resource: ResourceMeta) => resource.fields.filter((f) => f.list)

/**
 * Ids per relation field on the current page that still need a lookup (rows without the server's
 * `_labels`), so each relation column batches at most one getMany.
 */
export function relationIdsOf(fields: FieldMeta[], rows: readonly BaseRecord[]): Record<string, BaseKey[]> {
  const out: Record<string, BaseKey[]> = {}
  for (const f of fields) {
    if (f.type !== 'relation') continue
    const unlabelled = rows.filter((r) => relationLabelOf(r, f.name) === undefined)
    out[f.name] = [...new Set(unlabelled.map((r) => r[f.name]).filter((v) => v !== null && v !== undefined && v !== ''))]
  }
  return out
}

/**
 * antd columns generated from the declaration: sortable fields get a multi-sort sorter whose state
 * comes from useTable's sorters (so the URL drives it), values render by type.
 */
export function buildColumns(
  resource: ResourceMeta,
  fields: FieldMeta[],
  sorters: CrudSort[],
  label: Label,
  relationIds: Record<string, BaseKey[]>,
): TableColumnType<BaseRecord>[] {
  // The title column links to the record; a masked title (e.g. a sensitive email) cannot, so the first plain column does.
  const title = fields.find((f) => f.name === resource.titleField && !f.sensitive) ?? fields.find((f) => !f.sensitive && f.type !== 'relation')
  const linkTitle = canDo(resource, 'show')
  return fields.map((field, index) => ({
    key: field.name,
    dataIndex: field.name,
    title: label(field.label, field.name),
    sorter: field.sortable ? { multiple: index + 1 } : undefined,
    sortOrder: field.sortable ? getDefaultSortOrder(field.name, sorters) ?? null : undefined,
    align: field.type === 'money' || field.type === 'number' ? 'right' : undefined,
    render: (_: unknown, record: BaseRecord) => {
      const value = <FieldValue field={field} resource={resource} record={record} relationIds={relationIds[field.name]} />
      const id = idOf(resource, record)
      if (linkTitle && field.name === title?.name && id !== undefined) {
        return <Link to={`/r/${resource.name}/show/${id}`}>{value}</Link>
      }
      return value
    },
  }))
}
