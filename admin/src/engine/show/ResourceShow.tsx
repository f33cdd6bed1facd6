import { Show } from '@refinedev/antd'
import { useShow, type BaseKey, type BaseRecord } from '@refinedev/core'
import { Card, Descriptions, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { useLabel, useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { FieldValue } from '../fields/FieldValue'
import { recordTitle } from '../fields/recordTitle'
import { ActionButton } from '../actions/ActionButton'
import { actionApplies, permittedActions } from '../actions/visibility'
import { AUDIT_RESOURCE } from '../audit/entry'
import { RecordHistory } from './RecordHistory'
import { RelationTable } from './RelationTable'
import { AppBreadcrumb } from '../../layout/AppBreadcrumb'
import { RecordError } from '../list/ListError'

/** The generic detail screen: every `show` field, declared relations, custom actions and history. */
export function ResourceShow({ resource, id }: { resource: ResourceMeta; id: BaseKey }) {
  const { t } = useTranslation()
  const label = useLabel()
  const audit = useResourceMeta(AUDIT_RESOURCE)
  const { query, result: record } = useShow<BaseRecord>({ resource: resource.name, id, errorNotification: false })
  const fields = resource.fields.filter((f) => f.show)
  const actions = permittedActions(resource, 'record').filter((a) => actionApplies(a, record))
  const resourceLabel = label(resource.label, resource.name)
  const title = record ? `${resourceLabel} · ${recordTitle(record, resource)}` : resourceLabel

  if (query.isError) return <RecordError error={query.error} />

  return (
    <Show
      resource={resource.name}
      breadcrumb={<AppBreadcrumb />}
      recordItemId={id}
      title={title}
      isLoading={query.isLoading}
      canEdit={canDo(resource, 'edit')}
      canDelete={canDo(resource, 'delete')}
      contentProps={{ className: 'cd-show-content', variant: 'borderless' }}
      headerButtons={({ defaultButtons }) => (
        <Space wrap>
          {record && actions.map((a) => <ActionButton key={a.name} resource={resource} action={a} record={record} />)}
          {defaultButtons}
        </Space>
      )}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('show.details')} className="cd-section">
          <Descriptions
            bordered
            size="middle"
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
            items={fields.map((f) => ({
              key: f.name,
              label: label(f.label, f.name),
              span: f.type === 'json' || f.type === 'text' ? 'filled' : 1,
              children: record ? <FieldValue field={f} resource={resource} record={record} mode="show" /> : null,
            }))}
          />
        </Card>
        {(resource.relations ?? [])
          .filter((r) => r.resource !== AUDIT_RESOURCE)
          .map((r) => <RelationTable key={r.name} relation={r} id={id} />)}
        {canDo(audit, 'list') && <RecordHistory resource={resource} id={id} />}
      </Space>
    </Show>
  )
}
