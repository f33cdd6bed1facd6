import { useRef, useState } from 'react'
import { App, Button, Modal, Progress, Space, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useNotification, type CrudFilters, type CrudSort } from '@refinedev/core'
import { useTranslation } from 'react-i18next'
import { buildExportUrl, exportFileName, type Reader } from './exportUrl'
import { downloadBlob, streamCsv, type StreamProgress } from './streamCsv'

interface Props {
  resource: string
  resourceLabel: string
  filters: CrudFilters
  sorters: CrudSort[]
}

/**
 * Export CSV of everything matching the list's filters/sort, with live row count and Cancel; the file
 * reads like the screen: labels in the viewer's language, times in their time zone.
 */
export function ExportButton({ resource, resourceLabel, filters, sorters }: Props) {
  const { t, i18n } = useTranslation()
  const { open } = useNotification()
  const { message } = App.useApp()
  const [progress, setProgress] = useState<StreamProgress | null>(null)
  const controller = useRef<AbortController | null>(null)

  const start = async () => {
    const abort = new AbortController()
    controller.current = abort
    setProgress({ rows: 0 })
    try {
      const reader: Reader = { lang: i18n.language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }
      const { blob, rows } = await streamCsv(buildExportUrl(resource, filters, sorters, reader), abort.signal, setProgress)
      downloadBlob(blob, exportFileName(resource))
      open?.({ type: 'success', message: t('export.done', { count: rows }), description: resourceLabel })
    } catch (error) {
      if (abort.signal.aborted) void message.info(t('export.cancelled'))
      else open?.({ type: 'error', message: t('export.failed'), description: (error as Error).message })
    } finally {
      controller.current = null
      setProgress(null)
    }
  }

  const percent = progress?.total ? Math.min(100, Math.round((progress.rows / progress.total) * 100)) : undefined
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={start} loading={!!progress} data-testid="export-csv">
        {t('buttons.export')}
      </Button>
      <Modal
        open={!!progress}
        title={t('export.title', { resource: resourceLabel })}
        closable={false}
        maskClosable={false}
        footer={<Button onClick={() => controller.current?.abort()}>{t('buttons.cancel')}</Button>}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Progress percent={percent ?? 100} status="active" showInfo={percent !== undefined} />
          <Typography.Text type="secondary">
            {progress?.rows
              ? progress.total
                ? t('export.rowsOf', { count: progress.rows, total: progress.total })
                : t('export.rows', { count: progress.rows })
              : t('export.starting')}
          </Typography.Text>
        </Space>
      </Modal>
    </>
  )
}
