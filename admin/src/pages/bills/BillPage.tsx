import { Show } from '@refinedev/antd'
import { useShow, type BaseRecord } from '@refinedev/core'
import { Alert, Card, Col, Row, Skeleton, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ScreenProps } from '../../engine/registry'
import { useLabel, useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'
import { AppBreadcrumb } from '../../layout/AppBreadcrumb'
import { RecordError } from '../../engine/list/ListError'
import { RecordHistory } from '../../engine/show/RecordHistory'
import { AUDIT_RESOURCE } from '../../engine/audit/entry'
import { actionApplies, permittedActions } from '../../engine/actions/visibility'
import { billUrl, useBillDocument } from './billDocument'
import { BillActions } from './BillActions'
import { PdfButton } from './PdfButton'
import { BillStatusTag } from './BillStatusTag'
import { BillSummary } from './BillSummary'
import { BillLines } from './BillLines'
import { BillTotals } from './BillTotals'
import { BillCreditNotes, BillPayments } from './BillPayments'
import { BillDisputes } from './BillDisputes'
import { BillReconciliation } from './BillReconciliation'

/**
 * A bill as finance works it: who and which period, its status and the next steps (issue, send,
 * record an offline payment, close, reopen, void, the PDF), its lines and totals exactly as the
 * PDF prints them (both read GET /bills/:id/document), payments and credit notes, disputes to
 * credit or reject, and the reconciliation of the period's usage against cost and the ledger.
 */
export function BillPage({ resource, id }: ScreenProps) {
  const { t } = useTranslation()
  const label = useLabel()
  const audit = useResourceMeta(AUDIT_RESOURCE)
  const { query, result: record } = useShow<BaseRecord>({ resource: resource.name, id: id!, errorNotification: false })
  const { document, query: documentQuery } = useBillDocument(id!)
  const disputeAction = record && permittedActions(resource, 'record').find((a) => a.name === 'open_dispute' && actionApplies(a, record))
  const dispute = record && disputeAction ? { resource, action: disputeAction, record } : undefined
  if (query.isError) return <RecordError error={query.error} />

  const number = document?.number ?? (record?.number as string | undefined)
  const title = number ? t('bill.title', { number }) : label(resource.label, resource.name)

  return (
    <Show
      resource={resource.name}
      breadcrumb={<AppBreadcrumb />}
      recordItemId={id}
      title={title}
      isLoading={query.isLoading}
      canEdit={false}
      canDelete={false}
      contentProps={{ className: 'cd-show-content', variant: 'borderless' }}
      headerProps={{
        tags: record ? (
          <Space size={4}>
            <BillStatusTag resource={resource} field="status" value={record.status} />
            <BillStatusTag resource={resource} field="invoice_status" value={record.invoice_status} />
          </Space>
        ) : undefined,
      }}
      headerButtons={
        <Space wrap>
          {record && <BillActions resource={resource} record={record} />}
          <PdfButton url={billUrl(id!, 'pdf')} fileName={`${number ?? `bill-${id}`}.pdf`} />
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="bill-page">
        {documentQuery.isError ? (
          <Alert type="error" showIcon message={t('bill.documentFailed')} description={documentQuery.error?.message} />
        ) : !document ? (
          <Card size="small"><Skeleton active paragraph={{ rows: 6 }} /></Card>
        ) : (
          <>
            <Card size="small"><BillSummary resource={resource} record={record} document={document} /></Card>
            <Card size="small" className="cd-section" title={t('bill.lines.title')} data-testid="bill-lines">
              <BillLines document={document} dispute={dispute} />
              <BillTotals document={document} />
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}><BillPayments billId={id!} document={document} /></Col>
              <Col xs={24} xl={12}><BillCreditNotes document={document} /></Col>
            </Row>
          </>
        )}
        <BillDisputes billId={id!} document={document} />
        {resource.permissions.includes('reconcile') && (
          <BillReconciliation resource={resource} record={record} billId={id!} currency={document?.currency ?? String(record?.currency ?? '')} />
        )}
        {canDo(audit, 'list') && <RecordHistory resource={resource} id={id!} />}
      </Space>
    </Show>
  )
}
