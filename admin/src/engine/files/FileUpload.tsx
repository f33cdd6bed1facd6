import { useRef, useState } from 'react'
import { Button, Space, Typography, Upload, type UploadProps } from 'antd'
import { CloseOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useHttp } from '../../providers/HttpContext'
import { API_URL, type ApiError } from '../../providers/http'
import { FileDownload } from './FileDownload'
import { acceptOf, fileLimitsOf, FILES_PATH, formatFileSize, idsOf, type StoredFile } from './fileField'
import { useAdminMeta } from '../../meta/MetaContext'

interface Props {
  purpose?: string
  multiple?: boolean
  /** Form.Item's value: the stored file id (or ids when `multiple`). */
  value?: unknown
  onChange?: (value: number | number[] | null) => void
  id?: string
  'aria-label'?: string
}

type UploadRequest = NonNullable<UploadProps['customRequest']>

/** One picked file: uploading, stored (with its id) or refused (with the server's reason). */
interface Item {
  uid: string
  name: string
  size: number
  status: 'uploading' | 'done' | 'error'
  id?: number
  error?: string
}

/**
 * The input of a `type: 'file'` field: each picked file is posted at once (multipart `file` +
 * `purpose` to POST /api/admin/files, with the session's CSRF header like every mutation) and the
 * stored file's id becomes the form value, so the action or form that follows sends an id, never
 * bytes. Shows name and size of what was stored; a refused file shows why and can be removed.
 */
export function FileUpload({ purpose, multiple = false, value, onChange, id, 'aria-label': ariaLabel }: Props) {
  const { t, i18n } = useTranslation()
  const http = useHttp()
  const limits = fileLimitsOf(useAdminMeta().settings)
  const [items, setStateItems] = useState<Item[]>([])
  // the latest list, for answers that arrive after other files were picked or removed
  const latest = useRef<Item[]>([])
  const setItems = (next: Item[]) => {
    latest.current = next
    setStateItems(next)
  }
  // ids already in the value that this dialog did not upload (an edit form's current file)
  const known = idsOf(value).filter((fileId) => !items.some((i) => i.id === fileId))

  const emit = (next: Item[], kept = known) => {
    const ids = [...kept, ...next.filter((i) => i.status === 'done' && i.id).map((i) => i.id!)]
    onChange?.(multiple ? ids : (ids.at(-1) ?? null))
  }
  const update = (uid: string, patch: Partial<Item>) => {
    const next = latest.current.map((i) => (i.uid === uid ? { ...i, ...patch } : i))
    setItems(next)
    if (patch.status === 'done') emit(next)
  }

  const upload: UploadRequest = async ({ file }) => {
    const picked = file as File & { uid: string }
    const item: Item = { uid: picked.uid, name: picked.name, size: picked.size, status: 'uploading' }
    // a single-file field replaces what it held once the new file is stored
    setItems(multiple ? [...latest.current, item] : [item])
    // a file the server would refuse for its size is not sent at all
    if (limits.maxBytes && picked.size > limits.maxBytes) {
      update(item.uid, { status: 'error', error: t('file.tooLarge', { size: formatFileSize(limits.maxBytes, i18n.language) }) })
      return
    }
    const body = new FormData()
    body.append('file', picked)
    if (purpose) body.append('purpose', purpose)
    try {
      const { data } = await http.post<StoredFile>(`${API_URL}${FILES_PATH}`, body)
      update(item.uid, { status: 'done', id: data.id, name: data.name || item.name, size: data.size ?? item.size })
    } catch (error) {
      update(item.uid, { status: 'error', error: (error as ApiError).message })
    }
  }

  const remove = (uid: string) => {
    const next = items.filter((i) => i.uid !== uid)
    setItems(next)
    emit(next)
  }
  const removeKnown = (fileId: number) => emit(items, known.filter((k) => k !== fileId))
  const busy = items.some((i) => i.status === 'uploading')

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} className="cd-file-upload" data-purpose={purpose}>
      <Upload customRequest={upload} multiple={multiple} showUploadList={false} disabled={busy && !multiple} accept={acceptOf(limits.types)}>
        <Button id={id} icon={<UploadOutlined />} aria-label={ariaLabel}>
          {t(items.length || known.length ? (multiple ? 'file.addAnother' : 'file.replace') : 'file.choose')}
        </Button>
      </Upload>
      {!!(limits.types?.length || limits.maxBytes) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('file.limits', { types: (limits.types ?? []).map((type) => type.toUpperCase()).join(', ') || '—', size: limits.maxBytes ? formatFileSize(limits.maxBytes, i18n.language) : '—' })}
        </Typography.Text>
      )}
      {known.map((fileId) => (
        <Space key={`known-${fileId}`} size={8} className="cd-file-item">
          <PaperClipOutlined />
          <FileDownload fileId={fileId} name={t('file.storedFile', { id: fileId })} />
          <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('file.remove', { name: `#${fileId}` })} onClick={() => removeKnown(fileId)} />
        </Space>
      ))}
      {items.map((item) => (
        <Space key={item.uid} size={8} className="cd-file-item" data-status={item.status} align="start">
          {item.status === 'uploading' ? <LoadingOutlined /> : <PaperClipOutlined />}
          <span>
            <Typography.Text type={item.status === 'error' ? 'danger' : undefined}>{item.name}</Typography.Text>{' '}
            <Typography.Text type="secondary">{formatFileSize(item.size, i18n.language)}</Typography.Text>
            {item.status === 'uploading' && <Typography.Text type="secondary"> · {t('file.uploading')}</Typography.Text>}
            {item.status === 'error' && (
              <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
                {t('file.refused', { reason: item.error })}
              </Typography.Text>
            )}
          </span>
          {item.status !== 'uploading' && (
            <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('file.remove', { name: item.name })} onClick={() => remove(item.uid)} />
          )}
        </Space>
      ))}
    </Space>
  )
}
