import { useMemo, type ReactNode } from 'react'
import { useTable } from '@refinedev/antd'
import type { BaseRecord, CrudFilters, LogicalFilter } from '@refinedev/core'
import { Empty, Space, Table, type TableColumnType } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ListError } from '../../engine/list/ListError'
import type { ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { buildColumns, listFieldsOf, relationIdsOf } from '../../engine/list/columns'
import { FilterBar } from '../../engine/list/FilterBar'
import { RowActions } from '../../engine/list/RowActions'
import { ExportButton } from '../../engine/export/ExportButton'
import { permittedActions } from '../../engine/actions/visibility'
import { relatedListUrl } from '../../engine/show/RelationTable'

interface Props {
  resource: ResourceMeta
  /** Filters the viewer cannot remove (the customer); an `eq` filter also hides its column. */
  fixed: LogicalFilter[]
  /** Cells rendered differently here (e.g. the ledger's signed amounts), by field name. */
  render?: Record<string, (record: BaseRecord) => ReactNode>
  pageSize?: number
}

/**
 * The generated list of a resource, narrowed by fixed filters, for a tab of a hand-written page:
 * the same columns, filters, row actions and export as the resource's own list, its own paging and
 * sorting (not synced to the URL, which belongs to the page), and a link to the full list.
 */
export function FixedFilterList({ resource, fixed, render = {}, pageSize = 10 }: Props) {
  const { t } = useTranslation()
  const label = useLabel()
  const { tableProps, sorters, filters, setFilters, setCurrentPage, tableQuery } = useTable<BaseRecord>({
    resource: resource.name,
    syncWithLocation: false,
    filters: { permanent: fixed },
    sorters: { initial: resource.defaultSort ?? [] },
    pagination: { pageSize },
    errorNotification: false,
  })
  const fixedNames = useMemo(() => fixed.map((f) => f.field), [fixed])
  const hiddenColumns = fixed.filter((f) => f.operator === 'eq').map((f) => f.field)
  // The filter bar offers everything but the fixed fields (their values are not the viewer's to change).
  const filterable = useMemo(() => withoutFilters(resource, fixedNames), [resource, fixedNames])
  const rows = (tableProps.dataSource ?? []) as BaseRecord[]
  const fields = listFieldsOf(resource).filter((f) => !hiddenColumns.includes(f.name))
  const hasRowActions = canDo(resource, 'show') || canDo(resource, 'edit') || permittedActions(resource, 'record').length > 0

  const columns: TableColumnType<BaseRecord>[] = [
    ...buildColumns(resource, fields, sorters, label, relationIdsOf(fields, rows)).map((c) =>
      render[String(c.key)] ? { ...c, render: (_: unknown, record: BaseRecord) => render[String(c.key)](record) } : c,
    ),
    ...(hasRowActions
      ? [{ key: '__actions', title: t('list.actions'), fixed: 'right' as const, render: (_: unknown, record: BaseRecord) => <RowActions resource={resource} record={record} /> }]
      : []),
  ]
  const eq = fixed.find((f) => f.operator === 'eq')
  const userFilters = filters.filter((f) => !('field' in f) || !fixedNames.includes(f.field))

  return (
    <div className="cd-fixed-list" data-resource={resource.name}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <FilterBar
            resource={filterable}
            filters={userFilters}
            onApply={(next: CrudFilters) => {
              setFilters(next, 'replace')
              setCurrentPage(1)
            }}
          />
        </div>
        <Space wrap style={{ marginBottom: 16 }}>
          {canDo(resource, 'export') && <ExportButton resource={resource.name} resourceLabel={label(resource.label, resource.name)} filters={filters} sorters={sorters} />}
          {eq && canDo(resource, 'list') && <Link to={relatedListUrl(resource.name, eq.field, eq.value)}>{t('customer.openList')} →</Link>}
        </Space>
      </div>
      <ListError query={tableQuery} />
      <Table<BaseRecord>
        {...tableProps}
        rowKey={resource.primaryKey ?? 'id'}
        columns={columns}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={userFilters.length ? t('list.noRecords') : t('common.empty')} /> }}
        pagination={tableProps.pagination && { ...tableProps.pagination, showSizeChanger: true, showTotal: (total) => t('list.total', { count: total }) }}
      />
    </div>
  )
}

/** The resource as a filter bar should see it here: the fixed fields offer no filter. */
function withoutFilters(resource: ResourceMeta, names: string[]): ResourceMeta {
  const declared = (resource as ResourceMeta & { primaryFilters?: string[] }).primaryFilters
  return {
    ...resource,
    fields: resource.fields.map((f) => (names.includes(f.name) ? { ...f, filter: [] } : f)),
    ...(declared ? { primaryFilters: declared.filter((n) => !names.includes(n)) } : {}),
  } as ResourceMeta
}
