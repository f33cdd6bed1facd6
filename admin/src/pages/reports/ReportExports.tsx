import { useEffect, useState } from 'react'
import { useCustom } from '@refinedev/core'
import { App, Button, Card, Progress, Space, Table, Tag, Typography } from 'antd'
import { CloudDownloadOutlined, DownloadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { REPORT_EXPORT_STATUSES, type ReportExportWire } from '@creditdesk/contract/reports'
import { useHttp } from '../../providers/HttpContext'
import { pickLabel } from '../../meta/label'
import { formatDateTime } from '../../engine/fields/format'
import { EXPORTS_URL, type ReportParams } from './reportQuery'

const POLL_MS = 1000

/** GET /report-exports: the caller's recent exports, newest first (`exports`; `data` in earlier servers). */
type ExportList = { exports?: ReportExportWire[]; data?: ReportExportWire[] }
const isActive = (e: ReportExportWire | undefined) => !!e && (e.status === 'queued' || e.status === 'running')

/** The label of an export's status in the reader's language, with its contract colour. */
function StatusTag({ status, lang }: { status: ReportExportWire['status']; lang: string }) {
  const option = REPORT_EXPORT_STATUSES.find((s) => s.value === status)
  return <Tag color={option?.color}>{option ? pickLabel(option.label, lang) : status}</Tag>
}

/** A finished export's link while it lasts, with its expiry; "expired" after. */
function DownloadLink({ item }: { item: ReportExportWire }) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language
  if (item.status !== 'done') return null
  const expired = !item.download_url || (item.expires_at !== null && Date.parse(item.expires_at) <= Date.now())
  if (expired) return <Typography.Text type="secondary">{t('reports.exports.linkExpired')}</Typography.Text>
  return (
    <Space direction="vertical" size={0}>
      <Typography.Link href={item.download_url!} data-testid={`export-download-${item.id}`}>
        <DownloadOutlined /> {t('reports.exports.download')}
      </Typography.Link>
      {item.expires_at && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reports.exports.expires', { at: formatDateTime(item.expires_at, { locale }) })}
        </Typography.Text>
      )}
    </Space>
  )
}

/**
 * "Export in background": queues the report's export for the reader's choices, follows its
 * progress until the file is ready, then offers the expiring link; below, the recent exports.
 */
export function ReportExports({ report, params, titleOf, canExport }: {
  report: string
  params: ReportParams
  titleOf: (id: string) => string
  canExport: boolean
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const http = useHttp()
  const { message } = App.useApp()
  const [currentId, setCurrentId] = useState<number | null>(null)
  const [starting, setStarting] = useState(false)

  const list = useCustom<ExportList>({
    url: EXPORTS_URL,
    method: 'get',
    errorNotification: false,
    queryOptions: { enabled: canExport },
  })
  const listed = list.query.isSuccess ? (list.result.data as ExportList) : undefined
  const exports = listed?.exports ?? listed?.data ?? []

  const current = useCustom<ReportExportWire>({
    url: `${EXPORTS_URL}/${currentId}`,
    method: 'get',
    errorNotification: false,
    queryOptions: {
      enabled: currentId !== null,
      refetchInterval: (query) => {
        const data = query.state.data?.data as ReportExportWire | undefined
        if (!data || isActive(data)) return POLL_MS
        return false
      },
    },
  })
  const job = currentId !== null && current.query.isSuccess ? (current.result.data as ReportExportWire) : undefined
  // once the followed export ends, the list shows it in its final state
  const finished = job && !isActive(job) ? job.id : null
  const refetchList = list.query.refetch
  useEffect(() => {
    if (finished !== null) void refetchList()
  }, [finished, refetchList])

  const start = async () => {
    setStarting(true)
    try {
      // the file's headings are written in the reader's language
      const { data } = await http.post<ReportExportWire>(EXPORTS_URL, { report, ...params, lang })
      setCurrentId(data.id)
      void list.query.refetch()
    } catch (error) {
      void message.error((error as Error).message || t('reports.exports.failed'))
    } finally {
      setStarting(false)
    }
  }

  if (!canExport) return null
  return (
    <Card variant="borderless" title={t('reports.exports.title')} style={{ marginTop: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <Button icon={<CloudDownloadOutlined />} onClick={start} loading={starting || isActive(job)} data-testid="report-export">
            {t('reports.exports.start')}
          </Button>
          <Typography.Text type="secondary">{t('reports.exports.help')}</Typography.Text>
        </Space>
        {job && (
          <div data-testid="report-export-progress">
            <Space wrap align="center">
              <StatusTag status={job.status} lang={lang} />
              <Typography.Text>{titleOf(job.report)}</Typography.Text>
              {job.rows !== null && <Typography.Text type="secondary">{t('reports.exports.rows', { count: job.rows })}</Typography.Text>}
            </Space>
            <Progress percent={Math.max(0, Math.min(100, Math.round(job.progress)))} status={job.status === 'failed' ? 'exception' : isActive(job) ? 'active' : 'success'} />
            {job.status === 'failed' && <Typography.Text type="danger">{job.error ?? t('reports.exports.failed')}</Typography.Text>}
            <DownloadLink item={job} />
          </div>
        )}
        <Table<ReportExportWire>
          size="small"
          rowKey="id"
          loading={list.query.isFetching && !list.query.isSuccess}
          dataSource={exports}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reports.exports.none') }}
          data-testid="report-exports"
          columns={[
            { key: 'report', title: t('reports.exports.report'), render: (_, e) => titleOf(e.report) },
            {
              key: 'range',
              title: t('reports.exports.range'),
              render: (_, e) => `${e.from} – ${e.to} · ${t(`reports.granularity.${e.granularity}`)} · ${e.zone}`,
            },
            {
              key: 'status',
              title: t('reports.exports.status'),
              render: (_, e) => (isActive(e) ? <Progress size="small" percent={Math.round(e.progress)} style={{ width: 120 }} /> : <StatusTag status={e.status} lang={lang} />),
            },
            { key: 'rows', title: t('reports.exports.rowsTitle'), align: 'right', render: (_, e) => (e.rows === null ? '—' : new Intl.NumberFormat(lang).format(e.rows)) },
            { key: 'created_at', title: t('reports.exports.created'), render: (_, e) => formatDateTime(e.created_at, { locale: lang }) },
            // super_admin sees everyone's exports, each with who asked for it
            ...(exports.some((e) => e.requested_by) ? [{ key: 'requested_by', title: t('reports.exports.requestedBy'), render: (_: unknown, e: ReportExportWire) => e.requested_by ?? '—' }] : []),
            { key: 'download', title: t('reports.exports.file'), render: (_, e) => <DownloadLink item={e} /> },
          ]}
        />
      </Space>
    </Card>
  )
}
