import { useState } from 'react'
import type { BaseRecord } from '@refinedev/core'
import { Button, Dropdown, Space } from 'antd'
import { EditOutlined, EyeOutlined, MoreOutlined } from '@ant-design/icons'
import { Link } from 'react-router'
import { useLocale } from '../../i18n/locale'
import type { ActionMeta, ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { actionApplies, permittedActions } from '../actions/visibility'
import { ActionButton } from '../actions/ActionButton'
import { ActionModal } from '../actions/ActionModal'
import { idOf } from '../fields/recordTitle'
import { RowDelete } from './RowDelete'

const INLINE_ACTIONS = 2

/** Per-row buttons: view, edit, the record's custom actions (overflow in a menu), delete. */
export function RowActions({ resource, record }: { resource: ResourceMeta; record: BaseRecord }) {
  const { t } = useLocale()
  const label = useLabel()
  const [active, setActive] = useState<ActionMeta | null>(null)
  const actions = permittedActions(resource, 'record').filter((a) => actionApplies(a, record))
  const inline = actions.slice(0, INLINE_ACTIONS)
  const overflow = actions.slice(INLINE_ACTIONS)
  const id = idOf(resource, record)

  return (
    <Space size={4} onClick={(e) => e.stopPropagation()} className="cd-row-actions">
      {/* plain links (with Refine's button classes): a page of rows renders dozens of these, and Refine's buttons resolve the resource and route each time */}
      {canDo(resource, 'show') && id !== undefined && (
        <Link to={`/r/${resource.name}/show/${id}`}>
          <Button size="small" icon={<EyeOutlined />} title={t('buttons.show')} className="refine-show-button" />
        </Link>
      )}
      {canDo(resource, 'edit') && id !== undefined && (
        <Link to={`/r/${resource.name}/edit/${id}`}>
          <Button size="small" icon={<EditOutlined />} title={t('buttons.edit')} className="refine-edit-button" />
        </Link>
      )}
      {inline.map((a) => (
        <ActionButton key={a.name} compact resource={resource} action={a} record={record} />
      ))}
      {overflow.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: overflow.map((a) => ({ key: a.name, label: label(a.label, a.name), danger: a.danger })),
            onClick: ({ key }) => setActive(overflow.find((a) => a.name === key) ?? null),
          }}
        >
          <Button size="small" icon={<MoreOutlined />} aria-label={t('buttons.more')} />
        </Dropdown>
      )}
      {canDo(resource, 'delete') && id !== undefined && <RowDelete resource={resource} id={id} />}
      {active && <ActionModal resource={resource} action={active} record={record} open onClose={() => setActive(null)} />}
    </Space>
  )
}
