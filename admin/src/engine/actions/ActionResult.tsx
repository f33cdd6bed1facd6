import { useEffect, useRef } from 'react'
import { Alert, Button, Space, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useMetaState } from '../../meta/MetaContext'
import { downloadBlob } from '../export/streamCsv'
import { autoDownloadOf, formatResultValue, resultFiles, resultLabel, shownEntries, type ActionResponse, type ResultFile } from './response'

const save = (file: ResultFile) => downloadBlob(new Blob([file.text], { type: file.mime }), file.name)

/**
 * What an action answered. Values are formatted by their declared `resultTypes`; the "copy this now"
 * warning appears only when the server says the values are one-time secrets (`once`). The file the
 * action produced (a batch of codes) is downloaded at once, with buttons for a second copy and for the
 * other formats.
 */
export function ActionResult({ response, fallbackName }: { response: ActionResponse; fallbackName: string }) {
  const { t, i18n } = useTranslation()
  const { meta } = useMetaState()
  const result = response.result ?? {}
  const files = resultFiles(result, fallbackName)
  const saved = autoDownloadOf(files)
  const format = { lang: i18n.language, currency: meta?.settings?.currency, yes: t('common.yes'), no: t('common.no') }

  // One automatic download per result, also under StrictMode's double effects.
  const downloaded = useRef(false)
  useEffect(() => {
    if (downloaded.current) return
    downloaded.current = true
    if (saved) save(saved)
  }, []) // eslint-disable-line react-hooks/exhaustive-deps -- the result never changes while shown

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {response.once ? (
        <Alert type="warning" showIcon message={t('action.resultTitle')} />
      ) : (
        <Alert type="success" showIcon message={response.message || t('action.done')} />
      )}
      {shownEntries(result).map(([key, value]) => {
        const type = response.resultTypes?.[key]
        const text = formatResultValue(value, type, format)
        const count = Array.isArray(value) ? value.length : null
        const block = count !== null || text.includes('\n') || text.length > 120
        return (
          <div key={key} className="cd-result" data-result-key={key}>
            <Typography.Text type="secondary">
              {resultLabel(key, type, i18n.language)}
              {count !== null ? ` (${count})` : ''}
            </Typography.Text>
            {block ? (
              <Typography.Paragraph copyable={{ text }} style={{ marginBottom: 0 }}>
                <pre className="cd-result-block">{text}</pre>
              </Typography.Paragraph>
            ) : (
              <Typography.Paragraph copyable={{ text }} code={!!response.once} strong={!response.once} style={{ wordBreak: 'break-all', marginBottom: 0 }}>
                {text}
              </Typography.Paragraph>
            )}
          </div>
        )
      })}
      {files.map((file) => (
        <div key={file.key} className="cd-result cd-result-file" data-result-file={file.key}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Text type="secondary">{file === saved ? t('action.fileDownloaded', { name: file.name }) : file.name}</Typography.Text>
            <Button size="small" icon={<DownloadOutlined />} onClick={() => save(file)}>
              {t(file === saved ? 'action.downloadAgain' : 'action.download', { name: file.name })}
            </Button>
          </Space>
        </div>
      ))}
    </Space>
  )
}
