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
  /** All ids of this relation on the current page: every cell asks for the same set, so react-query sends one request. */
  ids?: BaseKey[]
}

/** Shows a related record's label (labelField / titleField) linking to its page, or "#id" when not visible. */
export function RelationLabel({ field, id, ids }: Props) {
  const target = useResourceMeta(field.relation?.resource)
  const canView = canDo(target, 'list') || canDo(target, 'show')
  const batch = ids && ids.length ? ids : [id]
  const { result } = useMany({
    resource: field.relation?.resource ?? '',
    ids: batch,
    queryOptions: { enabled: canView && !!field.relation },
    errorNotification: false,
  })
  const related = result.data?.find((r) => String(r.id) === String(id))
  const text = related ? recordTitle(related, target, field.relation?.labelField) : `#${id}`
  if (target && canDo(target, 'show') && target.operations?.show !== false) {
    return <Link to={`/r/${target.name}/show/${id}`}>{text}</Link>
  }
  return <Typography.Text>{text}</Typography.Text>
}
