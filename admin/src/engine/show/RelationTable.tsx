import { useList, type BaseKey } from '@refinedev/core'
import { Card, Table, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { RelationMeta } from '../../meta/types'
import { useLabel, useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { buildColumns, listFieldsOf, relationIdsOf } from '../list/columns'

const PREVIEW_ROWS = 10

/** Link to the related list pre-filtered the way useTable's syncWithLocation encodes filters. */
export function relatedListUrl(resource: string, filterField: string, id: BaseKey): string {
  const q = new URLSearchParams()
  q.set('filters[0][field]', filterField)
  q.set('filters[0][operator]', 'eq')
  q.set('filters[0][value]', String(id))
  return `/r/${resource}?${q.toString()}`
}

/** A declared relation on the show page: the first rows of the related resource filtered by filterField. */
export function RelationTable({ relation, id }: { relation: RelationMeta; id: BaseKey }) {
  const { t } = useTranslation()
  const label = useLabel()
  const target = useResourceMeta(relation.resource)
  const allowed = canDo(target, 'list')
  const { result, query } = useList({
    resource: relation.resource,
    filters: [{ field: relation.filterField, operator: 'eq', value: id }],
    sorters: target?.defaultSort ?? [],
    pagination: { pageSize: PREVIEW_ROWS },
    queryOptions: { enabled: allowed },
    errorNotification: false,
  })
  if (!target || !allowed) return null
  const rows = result.data ?? []
  const fields = listFieldsOf(target).filter((f) => f.name !== relation.filterField).slice(0, 6)
  const title = label(relation.label, relation.name)
  const total = result.total ?? rows.length
  if (query.isSuccess && rows.length === 0) {
    // nothing related yet: one quiet line instead of an empty table with its headers
    return (
      <Card className="cd-section cd-relation-empty" title={title} extra={<Typography.Text type="secondary">{t('show.noRelated')}</Typography.Text>} />
    )
  }
  return (
    <Card
      className="cd-section"
      title={title}
      extra={total > 0 ? <Link to={relatedListUrl(relation.resource, relation.filterField, id)}>{t('list.total', { count: total })} →</Link> : null}
      styles={{ body: { padding: 0 } }}
    >
      <Table
        rowKey={target.primaryKey ?? 'id'}
        size="small"
        pagination={false}
        loading={query.isLoading}
        dataSource={rows}
        columns={buildColumns(target, fields, [], label, relationIdsOf(fields, rows)).map((c) => ({ ...c, sorter: undefined, sortOrder: undefined }))}
        locale={{ emptyText: t('common.empty') }}
        scroll={{ x: true }}
      />
    </Card>
  )
}
