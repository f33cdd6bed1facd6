import { useList, type BaseKey } from '@refinedev/core'
import { Card, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd'
import { HistoryOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { DiffView } from '../diff/DiffView'
import { AUDIT_RESOURCE, actorLabel, timeOf } from '../audit/entry'
import { actionColor, auditActionLabel } from '../audit/labels'
import { formatDateTime } from '../fields/format'

/** The record's audit trail: GET /audit-logs?resource=<r>&record_id=<id>&_sort=id&_order=desc. */
export function RecordHistory({ resource, id }: { resource: ResourceMeta; id: BaseKey }) {
  const { t, i18n } = useTranslation()
  const { result, query } = useList({
    resource: AUDIT_RESOURCE,
    filters: [
      { field: 'resource', operator: 'eq', value: resource.name },
      { field: 'record_id', operator: 'eq', value: id },
    ],
    sorters: [{ field: 'id', order: 'desc' }],
    pagination: { pageSize: 50 },
    errorNotification: false,
  })
  const entries = result.data ?? []

  return (
    <Card title={<Space><HistoryOutlined />{t('show.history')}</Space>} className="cd-section">
      {query.isLoading ? (
        <Skeleton active />
      ) : query.isError ? (
        <Typography.Text type="danger">{query.error?.message}</Typography.Text>
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('show.noHistory')} />
      ) : (
        <Timeline
          items={entries.map((entry) => ({
            key: String(entry.id),
            children: (
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <Space wrap size={8}>
                  <Tag color={actionColor(String(entry.action ?? ''))}>
                    {auditActionLabel(String(entry.action ?? ''), resource, t, i18n.language)}
                  </Tag>
                  <Typography.Text strong>{actorLabel(entry, t('audit.systemActor'))}</Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(timeOf(entry))}</Typography.Text>
                </Space>
                {entry.reason ? <Typography.Text italic>“{String(entry.reason)}”</Typography.Text> : null}
                <DiffView entry={entry} resource={resource} />
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  )
}
