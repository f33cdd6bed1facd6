import { useState } from 'react'
import { Button, type ButtonProps } from 'antd'
import { ThunderboltOutlined } from '@ant-design/icons'
import type { ActionMeta, ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import { ActionModal, type ActionTarget } from './ActionModal'

interface Props extends ActionTarget {
  resource: ResourceMeta
  action: ActionMeta
  size?: ButtonProps['size']
  type?: ButtonProps['type']
  disabled?: boolean
  onDone?: () => void
}

/** A button for one custom action; owns its confirmation modal. */
export function ActionButton({ resource, action, record, ids, size, type, disabled, onDone }: Props) {
  const label = useLabel()
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button
        size={size}
        type={type}
        danger={action.danger}
        disabled={disabled}
        icon={<ThunderboltOutlined />}
        data-action={action.name}
        onClick={(e) => {
          e.stopPropagation()
          setOpen(true)
        }}
      >
        {label(action.label, action.name)}
      </Button>
      {open && (
        <ActionModal resource={resource} action={action} record={record} ids={ids} open={open} onClose={() => setOpen(false)} onDone={onDone} />
      )}
    </>
  )
}
