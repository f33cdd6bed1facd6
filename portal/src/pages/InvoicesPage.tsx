import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { INVOICE_STATUSES, INVOICE_TYPES } from '@creditdesk/contract/bills'
import { cancelInvoice, invoiceLink, listInvoices, type Invoice } from '../api/bills'
import { InvoiceRequestDialog } from '../components/bills/InvoiceRequestDialog'
import { EnumTag, enumText } from '../components/EnumTag'
import { Money } from '../components/Money'
import { isForbidden, NoAccess } from '../components/NoAccess'
import { PageHeader } from '../components/PageHeader'
import { useLoad } from '../components/useLoad'
import { useDocumentTitle } from '../hooks'
import { browser, isWebUrl } from '../lib/browser'
import { formatDate } from '../lib/format'
import { describeError } from '../lib/formErrors'

/** Invoices (发票) the account asked for: request one for paid bills and recharges, cancel it while it waits, download it once issued. */
export function InvoicesPage() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  useDocumentTitle(t('invoices.title'))
  const invoices = useLoad(listInvoices)
  const [requesting, setRequesting] = useState(false)
  const [busyId, setBusyId] = useState<number | null>(null)
  if (isForbidden(invoices.error)) return <NoAccess />

  const download = async (invoice: Invoice) => {
    setBusyId(invoice.id)
    try {
      const url = await invoiceLink(invoice.id)
      if (!isWebUrl(url)) throw new Error(t('invoices.noFile'))
      browser.openFile(url)
    } catch (err) {
      void message.error(describeError(err, t))
    } finally {
      setBusyId(null)
    }
  }

  const cancel = async (invoice: Invoice) => {
    setBusyId(invoice.id)
    try {
      await cancelInvoice(invoice.id)
      void message.success(t('invoices.cancelled'))
      void invoices.reload()
    } catch (err) {
      void message.error(describeError(err, t))
    } finally {
      setBusyId(null)
    }
  }

  const columns: TableColumnsType<Invoice> = [
    { key: 'date', title: t('invoices.fields.requestedAt'), render: (_, i) => formatDate(i.created_at) },
    {
      key: 'title',
      title: t('invoices.fields.title'),
      render: (_, i) => (
        <div>
          <div>{i.title}</div>
          <Typography.Text type="secondary" className="cd-mono" style={{ fontSize: 12 }}>
            {i.tax_id}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'type', title: t('invoices.fields.type'), responsive: ['md'], render: (_, i) => enumText(INVOICE_TYPES, i.invoice_type, i18n.language) },
    { key: 'amount', title: t('invoices.fields.amount'), align: 'right', render: (_, i) => <Money value={i.amount} asset={i.currency} /> },
    {
      key: 'status',
      title: t('invoices.fields.status'),
      render: (_, i) => (
        <Space direction="vertical" size={0}>
          <EnumTag options={INVOICE_STATUSES} value={i.status} testId="invoice-status" />
          {i.status === 'rejected' && i.rejected_reason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.rejected_reason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'number', title: t('invoices.fields.number'), responsive: ['lg'], render: (_, i) => (i.invoice_number ? <Typography.Text className="cd-mono">{i.invoice_number}</Typography.Text> : '—') },
    {
      key: 'actions',
      title: t('invoices.fields.actions'),
      render: (_, i) =>
        i.status === 'issued' ? (
          <Button size="small" icon={<DownloadOutlined />} loading={busyId === i.id} onClick={() => void download(i)}>
            {t('invoices.download')}
          </Button>
        ) : i.status === 'requested' ? (
          <Popconfirm title={t('invoices.cancelConfirm')} okText={t('invoices.cancel')} cancelText={t('common.cancel')} onConfirm={() => cancel(i)}>
            <Button size="small" danger loading={busyId === i.id}>
              {t('invoices.cancel')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ]

  return (
    <>
      <PageHeader
        title={t('invoices.title')}
        description={t('invoices.description')}
        extra={
          <Space wrap>
            <Tooltip title={t('invoices.refresh')}>
              <Button icon={<ReloadOutlined />} aria-label={t('invoices.refresh')} loading={invoices.loading} onClick={() => void invoices.reload()} />
            </Tooltip>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)}>
              {t('invoices.request')}
            </Button>
          </Space>
        }
      />
      {invoices.error !== null && (
        <Alert type="error" showIcon className="cd-form-alert" message={t('invoices.loadFailed')} description={describeError(invoices.error, t)} />
      )}
      <Card variant="borderless" className="cd-card">
        <Table<Invoice> rowKey="id" columns={columns} dataSource={invoices.data ?? []} loading={invoices.loading} size="middle" pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: t('invoices.empty') }} />
      </Card>
      <InvoiceRequestDialog
        open={requesting}
        onClose={() => setRequesting(false)}
        onRequested={() => {
          setRequesting(false)
          void invoices.reload()
        }}
      />
    </>
  )
}
