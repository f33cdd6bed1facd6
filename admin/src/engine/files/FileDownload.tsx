import { useState } from 'react'
import { Button, type ButtonProps } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useNotification, type BaseKey } from '@refinedev/core'
import { useTranslation } from 'react-i18next'
import { useHttp } from '../../providers/HttpContext'
import { API_URL, type ApiError } from '../../providers/http'
import { FILES_PATH, type FileLink } from './fileField'

interface Props {
  fileId: BaseKey
  /** The file's name when the row carries it ("Download contract.pdf"), else "Download". */
  name?: string | null
  size?: ButtonProps['size']
  type?: ButtonProps['type']
}

/**
 * Files are never linked directly: a click asks for a signed link (valid a few minutes, audited
 * as `file.link`) and opens it; the bytes come from the download endpoint that checks it.
 */
export function FileDownload({ fileId, name, size = 'small', type = 'link' }: Props) {
  const { t } = useTranslation()
  const http = useHttp()
  const { open: notify } = useNotification()
  const [busy, setBusy] = useState(false)

  const download = async () => {
    setBusy(true)
    try {
      const { data } = await http.get<FileLink>(`${API_URL}${FILES_PATH}/${encodeURIComponent(String(fileId))}/link`)
      // a popup blocker turns the new tab into a plain navigation: the answer is an attachment, the page stays
      if (!window.open(data.url, '_blank', 'noopener')) window.location.assign(data.url)
    } catch (error) {
      notify?.({ type: 'error', message: t('file.linkFailed'), description: (error as ApiError).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Button size={size} type={type} icon={<DownloadOutlined />} loading={busy} onClick={download} data-file-id={String(fileId)} style={type === 'link' ? { paddingInline: 0 } : undefined}>
      {name ? t('file.downloadNamed', { name }) : t('file.download')}
    </Button>
  )
}
