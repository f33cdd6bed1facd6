import { Empty, List, Modal, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Grant } from './matrix'

interface Props {
  open: boolean
  roleLabel: string
  added: Grant[]
  removed: Grant[]
  resourceLabel: (name: string) => string
  actionLabel?: (action: string) => string
  saving: boolean
  onCancel: () => void
  onConfirm: () => void
}

/** The grants a save would add and remove, confirmed before PUT. */
export function PreviewModal({ open, roleLabel, added, removed, resourceLabel, actionLabel = (a) => a, saving, onCancel, onConfirm }: Props) {
  const { t } = useTranslation()
  const none = !added.length && !removed.length
  const row = (g: Grant, kind: 'added' | 'removed') => (
    <List.Item key={`${kind}:${g.resource}.${g.action}`} data-kind={kind}>
      <Tag color={kind === 'added' ? 'green' : 'red'}>{kind === 'added' ? '+' : '−'} {t(`roles.${kind}`)}</Tag>
      <Typography.Text>{resourceLabel(g.resource)}</Typography.Text>
      <Typography.Text code>{actionLabel(g.action)}</Typography.Text>
    </List.Item>
  )
  return (
    <Modal
      open={open}
      title={t('roles.preview', { role: roleLabel })}
      onCancel={onCancel}
      onOk={onConfirm}
      okText={t('roles.apply')}
      okButtonProps={{ disabled: none }}
      confirmLoading={saving}
    >
      {none ? (
        <Empty description={t('roles.noChanges')} />
      ) : (
        <List size="small" className="cd-grant-diff">
          {added.map((g) => row(g, 'added'))}
          {removed.map((g) => row(g, 'removed'))}
        </List>
      )}
    </Modal>
  )
}
