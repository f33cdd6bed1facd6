import { useMemo, useState } from 'react'
import { List, useTable } from '@refinedev/antd'
import type { BaseKey, BaseRecord, CrudFilters } from '@refinedev/core'
import { Alert, Button, Empty, Space, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { permittedActions } from '../actions/visibility'
import { ActionButton } from '../actions/ActionButton'
import { ExportButton } from '../export/ExportButton'
import { FilterBar } from './FilterBar'
import { ColumnChooser } from './ColumnChooser'
import { RowActions } from './RowActions'
import { buildColumns, listFieldsOf, relationIdsOf } from './columns'
import { useColumnPrefs } from './useColumnPrefs'
import { AppBreadcrumb } from '../../layout/AppBreadcrumb'

const PAGE_SIZES = ['10', '20', '50', '100', '200']

/** The generic list screen: filters, multi-sort, pagination, column chooser, row/bulk actions, export. */
export function ResourceList({ resource }: { resource: ResourceMeta }) {
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
  const prefs = useColumnPrefs(resource.name)
  const [selected, setSelected] = useState<BaseKey[]>([])
  const rows = (tableProps.dataSource ?? []) as BaseRecord[]
  const fields = useMemo(() => listFieldsOf(resource), [resource])
  const visible = fields.filter((f) => !prefs.hidden.includes(f.name))
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
          {canDo(resource, 'export') && <ExportButton resource={resource.name} resourceLabel={title} filters={filters} sorters={sorters} />}
          <ColumnChooser
            columns={fields.map((f) => ({ key: f.name, title: label(f.label, f.name) }))}
            hidden={prefs.hidden}
            onToggle={prefs.toggle}
            onReset={prefs.reset}
          />
          {defaultButtons}
        </Space>
      )}
    >
      <FilterBar resource={resource} filters={filters} onApply={applyFilters} />
      {tableQuery.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={tableQuery.error?.message}
          action={<Button size="small" onClick={() => tableQuery.refetch()}>{t('buttons.retry')}</Button>}
        />
      )}
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
