import { Alert, Button, Space, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { prettifyName } from '../../meta/label'
import { downloadBlob } from '../export/streamCsv'

const FILE_TYPES: Record<string, string> = { csv: 'text/csv', txt: 'text/plain', json: 'application/json' }

/**
 * One-time values an action returned (a reset link, a batch of generated codes). Shown once, each
 * copyable; lists and multi-line texts get a scrollable box, and file-like texts (csv/txt/json keys)
 * a download named after `result.filename`.
 */
export function ActionResult({ result, fallbackName }: { result: Record<string, unknown>; fallbackName: string }) {
  const { t } = useTranslation()
  const baseName = typeof result.filename === 'string' && result.filename ? result.filename : fallbackName
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="warning" showIcon message={t('action.resultTitle')} />
      {Object.entries(result)
        .filter(([key]) => key !== 'filename')
        .map(([key, value]) => {
          const lines = Array.isArray(value) ? value.map(String) : null
          const text = lines ? lines.join('\n') : typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : String(value ?? '')
          const block = !!lines || text.includes('\n') || text.length > 120
          const fileType = FILE_TYPES[key.toLowerCase()]
          return (
            <div key={key} className="cd-result" data-result-key={key}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <Typography.Text type="secondary">
                  {prettifyName(key)}
                  {lines ? ` (${lines.length})` : ''}
                </Typography.Text>
                {fileType && (
                  <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadBlob(new Blob([text], { type: fileType }), `${baseName}.${key.toLowerCase()}`)}>
                    {`${baseName}.${key.toLowerCase()}`}
                  </Button>
                )}
              </Space>
              {block ? (
                <Typography.Paragraph copyable={{ text }} style={{ marginBottom: 0 }}>
                  <pre className="cd-result-block">{text}</pre>
                </Typography.Paragraph>
              ) : (
                <Typography.Paragraph copyable={{ text }} code style={{ wordBreak: 'break-all', marginBottom: 0 }}>
                  {text}
                </Typography.Paragraph>
              )}
            </div>
          )
        })}
    </Space>
  )
}
