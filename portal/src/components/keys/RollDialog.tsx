import { Alert, Modal, Radio, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiKey } from '../../api/usage'

/** How long the current key keeps working after a roll, in minutes. */
export const ROLL_OVERLAPS = [
  { minutes: 0, label: 'apiKeys.rollDialog.now' },
  { minutes: 60, label: 'apiKeys.rollDialog.hour' },
  { minutes: 1440, label: 'apiKeys.rollDialog.day' },
  { minutes: 10080, label: 'apiKeys.rollDialog.week' },
] as const

/** Choose the overlap, then roll (the parent calls the API and shows the new secret once). */
export function RollDialog({
  apiKey,
  busy,
  error,
  onRoll,
  onCancel,
}: {
  apiKey: ApiKey | null
  busy: boolean
  error: string | null
  onRoll: (overlapMinutes: number) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const [overlap, setOverlap] = useState<number>(60)
  return (
    <Modal
      open={apiKey !== null}
      title={t('apiKeys.rollDialog.title', { name: apiKey?.name ?? '' })}
      okText={t('apiKeys.rollDialog.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => onRoll(overlap)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('apiKeys.rollDialog.text')}</Typography.Paragraph>
        <div role="radiogroup" aria-label={t('apiKeys.rollDialog.overlap')}>
          <Typography.Text strong>{t('apiKeys.rollDialog.overlap')}</Typography.Text>
          <Radio.Group value={overlap} onChange={(e) => setOverlap(e.target.value as number)} style={{ display: 'flex', gap: 8, marginTop: 8, flexWrap: 'wrap' }}>
            {ROLL_OVERLAPS.map((o) => (
              <Radio.Button key={o.minutes} value={o.minutes}>
                {t(o.label)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </div>
        {error && <Alert type="error" showIcon message={error} />}
      </Space>
    </Modal>
  )
}
