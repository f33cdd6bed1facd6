import { useState } from 'react'
import { Button, Space, Tooltip, Typography } from 'antd'
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons'
import { useLocale } from '../../i18n/locale'
import { useNotification, type BaseKey } from '@refinedev/core'
import { useHttp } from '../../providers/HttpContext'
import { API_URL, type ApiError } from '../../providers/http'
import type { ResourceMeta } from '../../meta/types'
import { isMasked } from './format'

interface Props {
  resource: ResourceMeta
  recordId: BaseKey
  field: string
  masked: unknown
}

/**
 * Shows the server-masked value ("••••1234"). Callers holding `view_sensitive` get a reveal button that
 * asks the server (which audits the read) for the clear value; nothing is unmasked client-side.
 */
export function SensitiveValue({ resource, recordId, field, masked }: Props) {
  const { t } = useLocale()
  const http = useHttp()
  const { open } = useNotification()
  const [revealed, setRevealed] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  // With view_sensitive the server may already send clear values; only masked ones need a reveal.
  // (Empty values never get here: FieldValue renders them as an em dash.)
  const canReveal = resource.permissions.includes('view_sensitive') && isMasked(masked)

  const reveal = async () => {
    setLoading(true)
    try {
      const { data } = await http.post<{ value: unknown }>(`${API_URL}/${resource.name}/${recordId}/reveal`, { field })
      setRevealed(data.value === null || data.value === undefined ? '' : String(data.value))
    } catch (error) {
      open?.({ type: 'error', message: t('sensitive.revealFailed'), description: (error as ApiError).message })
    } finally {
      setLoading(false)
    }
  }

  const shown = revealed ?? String(masked ?? '')
  return (
    <Space size={4} style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text code={revealed === null && isMasked(shown)} style={{ whiteSpace: 'nowrap' }} copyable={revealed !== null ? { text: revealed } : false}>
        {shown}
      </Typography.Text>
      {canReveal && (
        <Tooltip title={revealed === null ? t('sensitive.reveal') : t('buttons.hide')}>
          <Button
            size="small"
            type="text"
            loading={loading}
            aria-label={revealed === null ? t('sensitive.reveal') : t('buttons.hide')}
            icon={revealed === null ? <EyeOutlined /> : <EyeInvisibleOutlined />}
            onClick={(e) => {
              e.stopPropagation()
              if (revealed === null) void reveal()
              else setRevealed(null)
            }}
          />
        </Tooltip>
      )}
    </Space>
  )
}
