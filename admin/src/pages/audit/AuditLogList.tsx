import { useMemo, useState } from 'react'
import { List, useTable } from '@refinedev/antd'
import type { BaseRecord, CrudFilters } from '@refinedev/core'
import { Alert, Table, Tag, Typography, type TableColumnType } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ScreenProps } from '../../engine/registry'
import { useAdminMeta, useLabel } from '../../meta/MetaContext'
import { canDo, findResource } from '../../meta/permissions'
import { prettifyName } from '../../meta/label'
import { FilterBar } from '../../engine/list/FilterBar'
import { ExportButton } from '../../engine/export/ExportButton'
import { DiffView } from '../../engine/diff/DiffView'
import { actorLabel, recordLabel, timeOf } from '../../engine/audit/entry'
import { actionColor, auditActionLabel, roleLabel } from '../../engine/audit/labels'
import { formatDateTime } from '../../engine/fields/format'
import { auditFilterResource } from './auditFilters'
import { AppBreadcrumb } from '../../layout/AppBreadcrumb'
import { IntegrityCheckButton, IntegrityResult } from './IntegrityCheck'

/** Audit log: who did what to which record, filterable by actor/resource/action/time, diff in the expanded row. */
export function AuditLogList({ resource }: ScreenProps) {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const meta = useAdminMeta()
  const filterResource = useMemo(() => auditFilterResource(resource, meta, i18n.language), [resource, meta, i18n.language])
  const { tableProps, filters, sorters, setFilters, setCurrentPage, tableQuery } = useTable<BaseRecord>({
    resource: resource.name,
    syncWithLocation: true,
    sorters: { initial: resource.defaultSort ?? [{ field: 'id', order: 'desc' }] },
    pagination: { pageSize: 50 },
    errorNotification: false,
  })
  const title = label(resource.label, resource.name)
  const [integrity, setIntegrity] = useState<Parameters<typeof IntegrityResult>[0]['result'] | null>(null)

  const columns: TableColumnType<BaseRecord>[] = [
    { key: 'time', title: t('audit.time'), width: 190, render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(timeOf(e))}</span> },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>{actorLabel(e, t('audit.systemActor'))}</Typography.Text>
          {e.actor_role ? <Typography.Text type="secondary"> · {roleLabel(String(e.actor_role), undefined, t, i18n.language)}</Typography.Text> : null}
        </span>
      ),
    },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => {
        const action = String(e.action ?? '')
        return (
          <Tag color={actionColor(action)}>
            {auditActionLabel(action, findResource(meta, String(e.resource ?? '')), t, i18n.language)}
          </Tag>
        )
      },
    },
    {
      key: 'resource',
      title: t('audit.resource'),
      render: (_, e) => {
        const target = findResource(meta, String(e.resource ?? ''))
        // a resource this role cannot open is still named in words (sign-ins are audited on staff)
        const name = String(e.resource ?? '')
        return target ? label(target.label, target.name) : name && t(`audit.resourceNames.${name}`, { defaultValue: prettifyName(name) })
      },
    },
    {
      key: 'record',
      title: t('audit.record'),
      render: (_, e) => {
        const target = findResource(meta, String(e.resource ?? ''))
        const text = recordLabel(e)
        if (text === null) return null
        const cell = <span style={{ whiteSpace: 'nowrap' }} title={`#${e.record_id}`}>{text}</span>
        return target && canDo(target, 'show') ? <Link to={`/r/${target.name}/show/${e.record_id}`}>{cell}</Link> : cell
      },
    },
    { key: 'reason', title: t('audit.reason'), render: (_, e) => (e.reason ? <Typography.Text ellipsis={{ tooltip: String(e.reason) }} style={{ maxWidth: 260 }}>{String(e.reason)}</Typography.Text> : null) },
    // one line whatever the address (IPv6 included): the column is as wide as its longest address
    { key: 'ip', title: t('audit.ip'), render: (_, e) => <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{String(e.ip ?? '')}</Typography.Text> },
  ]

  const applyFilters = (next: CrudFilters) => {
    setFilters(next, 'replace')
    setCurrentPage(1)
  }

  return (
    <List
      resource={resource.name}
      breadcrumb={<AppBreadcrumb />}
      title={title}
      canCreate={false}
      headerButtons={
        <>
          {canDo(resource, 'verify_integrity') ? <IntegrityCheckButton onResult={setIntegrity} /> : null}
          {canDo(resource, 'export') ? <ExportButton resource={resource.name} resourceLabel={title} filters={filters} sorters={sorters} /> : null}
        </>
      }
    >
      {integrity && <IntegrityResult result={integrity} onClose={() => setIntegrity(null)} />}
      <FilterBar resource={filterResource} filters={filters} onApply={applyFilters} />
      {tableQuery.isError && <Alert type="error" showIcon message={tableQuery.error?.message} style={{ marginBottom: 16 }} />}
      <Table<BaseRecord>
        {...tableProps}
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (entry) => <DiffView entry={entry} resource={findResource(meta, String(entry.resource ?? ''))} />, expandRowByClick: true }}
        pagination={tableProps.pagination && { ...tableProps.pagination, showSizeChanger: true, showTotal: (total) => t('list.total', { count: total }) }}
      />
    </List>
  )
}
