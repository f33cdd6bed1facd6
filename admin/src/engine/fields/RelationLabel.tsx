import { useMany, type BaseKey } from '@refinedev/core'
import { Link } from 'react-router'
import { Typography } from 'antd'
import type { FieldMeta, ResourceMeta } from '../../meta/types'
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
export function RelationLabel(props: Props) {
  const target = useResourceMeta(props.field.relation?.resource)
  // Labelled by the server (the usual case): no lookup hook per cell.
  return props.label === undefined ? <LookedUpLabel {...props} target={target} /> : <Shown target={target} id={props.id} text={props.label ?? `#${props.id}`} />
}

function LookedUpLabel({ field, id, ids, target }: Props & { target: ResourceMeta | undefined }) {
  const canView = canDo(target, 'list') || canDo(target, 'show')
  const batch = ids && ids.length ? ids : [id]
  const { result } = useMany({
    resource: field.relation?.resource ?? '',
    ids: batch,
    queryOptions: { enabled: canView && !!field.relation },
    errorNotification: false,
  })
  const related = result.data?.find((r) => String(r.id) === String(id))
  return <Shown target={target} id={id} text={related ? recordTitle(related, target, field.relation?.labelField) : `#${id}`} />
}

function Shown({ target, id, text }: { target: ResourceMeta | undefined; id: BaseKey; text: string }) {
  if (target && canDo(target, 'show') && target.operations?.show !== false) {
    return <Link to={`/r/${target.name}/show/${id}`}>{text}</Link>
  }
  return <Typography.Text>{text}</Typography.Text>
}
