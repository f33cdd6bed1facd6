import { useState } from 'react'
import { useNotification } from '@refinedev/core'
import { Button } from 'antd'
import { FilePdfOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useHttp } from '../../providers/HttpContext'
import type { ApiError } from '../../providers/http'
import { downloadBlob } from '../../engine/export/streamCsv'

/**
 * A bill's or statement's PDF in the reader's language: the server renders it from the same
 * document the page shows, and audits the download.
 */
export function PdfButton({ url, fileName }: { url: string; fileName: string }) {
  const { t, i18n } = useTranslation()
  const http = useHttp()
  const { open: notify } = useNotification()
  const [busy, setBusy] = useState(false)
  const download = async () => {
    setBusy(true)
    try {
      const { data } = await http.get<Blob>(`${url}?_lang=${encodeURIComponent(i18n.language)}`, { responseType: 'blob' })
      downloadBlob(data, fileName)
    } catch (error) {
      notify?.({ type: 'error', message: t('bill.pdfFailed'), description: (error as ApiError).message })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button icon={<FilePdfOutlined />} loading={busy} onClick={download} data-testid="bill-pdf">
      {t('bill.downloadPdf')}
    </Button>
  )
}
