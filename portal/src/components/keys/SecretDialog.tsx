import { CheckOutlined, CopyOutlined } from '@ant-design/icons'
import { Alert, Button, Modal, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../lib/format'

export interface RevealedSecret {
  secret: string
  kind: 'created' | 'rolled'
  /** After a roll: until when the previous key keeps working (null = it stopped now). */
  previousUntil?: string | null
}

/**
 * The one time a key's full secret is shown. Closing the dialog drops the secret from the page's
 * state (the parent passes null), so it cannot be shown again: the server keeps only its hash.
 */
export function SecretDialog({ revealed, onClose }: { revealed: RevealedSecret | null; onClose: () => void }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)

  const copy = async () => {
    if (!revealed) return
    try {
      await navigator.clipboard.writeText(revealed.secret)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  const close = () => {
    setCopied(false)
    onClose()
  }

  return (
    <Modal
      open={revealed !== null}
      title={t(revealed?.kind === 'rolled' ? 'apiKeys.secret.rolledTitle' : 'apiKeys.secret.createdTitle')}
      onCancel={close}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={close}>
          {t('apiKeys.secret.done')}
        </Button>
      }
    >
      {revealed && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('apiKeys.secret.onlyOnce')} description={t('apiKeys.secret.onlyOnceText')} />
          <div className="cd-secret">
            <Typography.Text code className="cd-mono" data-testid="key-secret" style={{ wordBreak: 'break-all' }}>
              {revealed.secret}
            </Typography.Text>
          </div>
          <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void copy()}>
            {copied ? t('apiKeys.secret.copied') : t('apiKeys.secret.copy')}
          </Button>
          {revealed.kind === 'rolled' && (
            <Typography.Text type="secondary">
              {revealed.previousUntil
                ? t('apiKeys.secret.overlapUntil', { date: formatDateTime(revealed.previousUntil) })
                : t('apiKeys.secret.overlapNone')}
            </Typography.Text>
          )}
        </Space>
      )}
    </Modal>
  )
}
