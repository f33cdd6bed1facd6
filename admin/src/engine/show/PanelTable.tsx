import type { ReactNode } from 'react'
import { useList, type BaseRecord, type CrudSort, type LogicalFilter } from '@refinedev/core'
import { Alert, Empty, Table, type TableColumnType } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { buildColumns, relationIdsOf } from '../list/columns'
import { relatedListUrl } from './RelationTable'

const fieldOf = (resource: ResourceMeta, name: string) => resource.fields.find((f) => f.name === name)

interface Props {
  resource: ResourceMeta
  filters: LogicalFilter[]
  /** Field names to show, in this order; names the resource does not declare are skipped. */
  columns: string[]
  /** Cells rendered differently here, by field name (or an extra column's key). */
  render?: Record<string, { title?: string; cell: (record: BaseRecord) => ReactNode }>
  actions?: (record: BaseRecord) => ReactNode
  sorters?: CrudSort[]
  pageSize?: number
  empty: string
  /** The eq filter the "open the full list" link carries. */
  listFilter?: { field: string; value: unknown }
}

/**
 * A compact table of one generated resource inside a hand-written panel: the columns the panel picks, rendered
 * and labelled from meta like the resource's own list, with the panel's actions per row and a link
 * to the full list for more.
 */
export function PanelTable({ resource, filters, columns, render = {}, actions, sorters, pageSize = 10, empty, listFilter }: Props) {
  const { t } = useTranslation()
  const label = useLabel()
  const { result, query } = useList({
    resource: resource.name,
    filters,
    sorters: sorters ?? resource.defaultSort ?? [],
    pagination: { pageSize },
    errorNotification: false,
  })
  const rows = result.data ?? []
  const fields = columns.map((n) => fieldOf(resource, n)).filter((f) => !!f)
  const generated = buildColumns(resource, fields, [], label, relationIdsOf(fields, rows)).map((c) => {
    const custom = render[String(c.key)]
    return { ...c, sorter: undefined, sortOrder: undefined, ...(custom ? { render: (_: unknown, r: BaseRecord) => custom.cell(r), title: custom.title ?? c.title } : {}) }
  })
  const extra = Object.entries(render)
    .filter(([key]) => !fieldOf(resource, key))
    .map(([key, c]): TableColumnType<BaseRecord> => ({ key, title: c.title, render: (_: unknown, r: BaseRecord) => c.cell(r) }))
  const all: TableColumnType<BaseRecord>[] = [
    ...generated,
    ...extra,
    ...(actions ? [{ key: '__actions', title: t('list.actions'), render: (_: unknown, r: BaseRecord) => actions(r) }] : []),
  ]
  const total = result.total ?? rows.length

  if (query.isError) return <Alert type="error" showIcon message={query.error?.message} />
  return (
    <div className="cd-panel-table" data-resource={resource.name}>
      <Table<BaseRecord>
        rowKey={resource.primaryKey ?? 'id'}
        size="small"
        pagination={false}
        loading={query.isLoading}
        dataSource={rows}
        columns={all}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      />
      {listFilter && canDo(resource, 'list') && total > rows.length && (
        <div style={{ marginTop: 8, textAlign: 'right' }}>
          <Link to={relatedListUrl(resource.name, listFilter.field, listFilter.value as string)}>{t('show.allRows', { count: total })} →</Link>
        </div>
      )}
    </div>
  )
}
