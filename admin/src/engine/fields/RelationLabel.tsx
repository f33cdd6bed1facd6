import { useMany, type BaseKey } from '@refinedev/core'
import { Link } from 'react-router'
import { Typography } from 'antd'
import type { FieldMeta } from '../../meta/types'
import { useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { recordTitle } from './recordTitle'

interface Props {
  field: FieldMeta
  id: BaseKey
  /** The server's label for this value (row `_labels`); when given, nothing is looked up. */
  label?: string | null
  /** All ids of this relation on the current page still to look up: every cell asks for the same set, so react-query sends one request. */
  ids?: BaseKey[]
}

/**
 * A related record's label linking to its page. The label comes with the row (`_labels`); rows
 * without one fall back to a batched getMany of the related resource (labelField / titleField).
 */
export function RelationLabel({ field, id, label, ids }: Props) {
  const target = useResourceMeta(field.relation?.resource)
  const canView = canDo(target, 'list') || canDo(target, 'show')
  const batch = ids && ids.length ? ids : [id]
  const { result } = useMany({
    resource: field.relation?.resource ?? '',
    ids: batch,
    queryOptions: { enabled: label === undefined && canView && !!field.relation },
    errorNotification: false,
  })
  const related = label === undefined ? result.data?.find((r) => String(r.id) === String(id)) : undefined
  const text = label ?? (related ? recordTitle(related, target, field.relation?.labelField) : `#${id}`)
  if (target && canDo(target, 'show') && target.operations?.show !== false) {
    return <Link to={`/r/${target.name}/show/${id}`}>{text}</Link>
  }
  return <Typography.Text>{text}</Typography.Text>
}
