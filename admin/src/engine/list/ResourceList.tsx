import { useEffect, useMemo, useState } from 'react'
import { useLocation, useNavigate, useSearchParams } from 'react-router'
import { List, useTable } from '@refinedev/antd'
import type { BaseKey, BaseRecord, CrudFilters } from '@refinedev/core'
import { Empty, Space, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ListError } from './ListError'
import type { ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { permittedActions } from '../actions/visibility'
import { ActionButton } from '../actions/ActionButton'
import { ExportButton } from '../export/ExportButton'
import { SavedViews } from '../views/SavedViews'
import { sameView } from '../views/viewQuery'
import { FilterBar } from './FilterBar'
import { ColumnChooser } from './ColumnChooser'
import { RowActions } from './RowActions'
import { QuickTabs } from './QuickTabs'
import { ListTotals } from './ListTotals'
import { buildColumns, listFieldsOf, relationIdsOf } from './columns'
import { COLUMNS_PARAM, defaultVisibleColumns, useColumnPrefs } from './useColumnPrefs'
import { useListSummary } from './useListSummary'
import { AppBreadcrumb } from '../../layout/AppBreadcrumb'
import './list.css'

const PAGE_SIZES = ['10', '20', '50', '100', '200']

/**
 * The generic list screen. The URL holds the whole view (filters, quick tab, sort, page size,
 * columns), so it can be shared, reloaded and saved; opening a saved view navigates to its query and
 * starts the screen afresh from it. A visit without columns in the URL gets the viewer's last choice
 * written in first, so the URL is complete before the table reads it.
 */
export function ResourceList({ resource }: { resource: ResourceMeta }) {
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const { search } = useLocation()
  const [generation, setGeneration] = useState(0)
  const [pendingView, setPendingView] = useState<{ query: string; from: string; again?: boolean } | null>(null)
  const all = useMemo(() => listFieldsOf(resource).map((f) => f.name), [resource])
  const remembered = useMemo(() => defaultVisibleColumns(resource.name, all), [resource.name, all])
  const completeColumns = !params.has(COLUMNS_PARAM) && remembered.length < all.length

  useEffect(() => {
    if (!completeColumns) return
    const next = new URLSearchParams(params)
    next.set(COLUMNS_PARAM, remembered.join(','))
    navigate({ search: `?${next.toString()}` }, { replace: true })
  }, [completeColumns]) // eslint-disable-line react-hooks/exhaustive-deps

  // The router commits a navigation as a transition: the screen restarts once the URL holds the view
  // (started earlier, it would read the old URL and write that back). A navigation the old screen had
  // started (the table writing its page and sort into the URL) can land after the view's: the view is
  // then opened again rather than the screen restarting on the old state.
  useEffect(() => {
    if (pendingView === null) return
    if (!sameView(search, pendingView.query)) {
      if (search === pendingView.from) return
      if (!pendingView.again) {
        setPendingView({ ...pendingView, from: search, again: true })
        navigate({ search: `?${pendingView.query}` })
        return
      }
    }
    setPendingView(null)
    setGeneration((g) => g + 1)
  }, [search, pendingView])

  // Nothing renders while a view is being opened: the old screen would refetch its own query for the new URL.
  if (completeColumns || pendingView !== null) return null
  const applyView = (query: string) => {
    setPendingView({ query, from: search })
    navigate({ search: `?${query}` })
  }
  return <ListScreen key={generation} resource={resource} onApplyView={applyView} />
}

/** Filters, quick tabs, totals, multi-sort, pagination, column chooser, row/bulk actions, views, export. */
function ListScreen({ resource, onApplyView }: { resource: ResourceMeta; onApplyView: (query: string) => void }) {
  const { t } = useTranslation()
  const label = useLabel()
  const title = label(resource.label, resource.name)
  const { tableProps, sorters, filters, setFilters, setCurrentPage, tableQuery } = useTable<BaseRecord>({
    resource: resource.name,
    syncWithLocation: true,
    sorters: { initial: resource.defaultSort ?? [] },
    pagination: { pageSize: 20 },
    errorNotification: false,
  })
  const fields = useMemo(() => listFieldsOf(resource), [resource])
  const names = useMemo(() => fields.map((f) => f.name), [fields])
  const columnPrefs = useColumnPrefs(resource.name, names)
  const { summary, loading: summaryLoading } = useListSummary(resource, filters)
  const [selected, setSelected] = useState<BaseKey[]>([])
  const rows = (tableProps.dataSource ?? []) as BaseRecord[]
  const visible = fields.filter((f) => columnPrefs.visible.includes(f.name))
  const relationIds = useMemo(() => relationIdsOf(fields, rows), [fields, rows])
  const bulkActions = permittedActions(resource, 'bulk')
  const collectionActions = permittedActions(resource, 'collection')
  const hasRowActions =
    canDo(resource, 'show') || canDo(resource, 'edit') || canDo(resource, 'delete') || permittedActions(resource, 'record').length > 0

  const columns = [
    ...buildColumns(resource, visible, sorters, label, relationIds),
    ...(hasRowActions
      ? [{
          key: '__actions',
          title: t('list.actions'),
          fixed: 'right' as const,
          render: (_: unknown, record: BaseRecord) => <RowActions resource={resource} record={record} />,
        }]
      : []),
  ]

  const applyFilters = (next: CrudFilters) => {
    setFilters(next, 'replace')
    setCurrentPage(1)
    setSelected([])
  }

  return (
    <List
      resource={resource.name}
      breadcrumb={<AppBreadcrumb />}
      title={title}
      canCreate={canDo(resource, 'create')}
      headerButtons={({ defaultButtons }) => (
        <Space wrap>
          {collectionActions.map((a) => <ActionButton key={a.name} resource={resource} action={a} />)}
          <SavedViews resource={resource.name} onApply={onApplyView} />
          {canDo(resource, 'export') && <ExportButton resource={resource.name} resourceLabel={title} filters={filters} sorters={sorters} />}
          <ColumnChooser
            columns={fields.map((f) => ({ key: f.name, title: label(f.label, f.name) }))}
            hidden={columnPrefs.hidden}
            onToggle={columnPrefs.toggle}
            onReset={columnPrefs.reset}
          />
          {defaultButtons}
        </Space>
      )}
    >
      <QuickTabs resource={resource} filters={filters} counts={summary?.tabs} onChange={applyFilters} />
      <FilterBar resource={resource} filters={filters} onApply={applyFilters} />
      <ListTotals resource={resource} summary={summary} loading={summaryLoading} />
      <ListError query={tableQuery} />
      {bulkActions.length > 0 && selected.length > 0 && (
        <div className="cd-bulkbar" role="region" aria-label={t('list.selected', { count: selected.length })}>
          <Typography.Text strong>{t('list.selected', { count: selected.length })}</Typography.Text>
          <Space wrap>
            {bulkActions.map((a) => (
              <ActionButton key={a.name} size="small" resource={resource} action={a} ids={selected} onDone={() => setSelected([])} />
            ))}
          </Space>
        </div>
      )}
      <Table<BaseRecord>
        {...tableProps}
        rowKey={resource.primaryKey ?? 'id'}
        columns={columns}
        size="middle"
        scroll={{ x: 'max-content' }}
        rowSelection={bulkActions.length ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as BaseKey[]), preserveSelectedRowKeys: false } : undefined}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filters.length ? t('list.noRecords') : t('common.empty')} /> }}
        pagination={
          tableProps.pagination && {
            ...tableProps.pagination,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('list.total', { count: total }),
          }
        }
      />
    </List>
  )
}
