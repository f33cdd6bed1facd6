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
  /** Row buttons are quiet text links; header and bulk buttons are regular buttons with an icon. */
  compact?: boolean
  onDone?: () => void
  /** Action inputs fixed by the screen (see ActionModal). */
  preset?: Record<string, unknown>
  /** The button's text when it should say more than the action's name ("Dispute"). */
  text?: string
}

/** A button for one custom action; owns its confirmation modal. */
export function ActionButton({ resource, action, record, ids, size, type, disabled, compact, onDone, preset, text }: Props) {
  const label = useLabel()
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button
        size={compact ? 'small' : size}
        type={compact ? 'link' : type}
        danger={action.danger}
        disabled={disabled}
        icon={compact ? undefined : <ThunderboltOutlined />}
        style={compact ? { paddingInline: 4 } : undefined}
        data-action={action.name}
        onClick={(e) => {
          e.stopPropagation()
          setOpen(true)
        }}
      >
        {text ?? label(action.label, action.name)}
      </Button>
      {open && (
        <ActionModal resource={resource} action={action} record={record} ids={ids} open={open} onClose={() => setOpen(false)} onDone={onDone} preset={preset} />
      )}
    </>
  )
}
