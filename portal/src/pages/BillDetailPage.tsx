import { ArrowLeftOutlined, CreditCardOutlined, FilePdfOutlined } from '@ant-design/icons'
import { Alert, Button, Col, Result, Row, Skeleton, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { PAYABLE_BILL_STATUSES, type BillStatus } from '@creditdesk/contract/bills'
import { billPdfUrl, fetchBill } from '../api/bills'
import { toApiError } from '../api/client'
import { useAccess } from '../auth/access'
import { BillCreditNotes, BillDisputes, BillPayments } from '../components/bills/BillHistory'
import { BillLines } from '../components/bills/BillLines'
import { BillSummary } from '../components/bills/BillSummary'
import { BillTotals } from '../components/bills/BillTotals'
import { DisputeDialog } from '../components/bills/DisputeDialog'
import { PayBillDialog } from '../components/bills/PayBillDialog'
import { isForbidden, NoAccess } from '../components/NoAccess'
import { PageHeader } from '../components/PageHeader'
import { useLoad } from '../components/useLoad'
import { useDocumentTitle } from '../hooks'
import { isPositive } from '../lib/billing'
import { describeError } from '../lib/formErrors'

const DISPUTABLE: readonly string[] = ['issued', 'awaiting_payment', 'partially_paid', 'settled']

/**
 * One bill as its PDF shows it: lines, totals down to what is outstanding, payments, credit notes and
 * disputes; pay by card (finance, admin), dispute a line, download the PDF in the reader's language.
 */
export function BillDetailPage() {
  const { t, i18n } = useTranslation()
  const { id = '' } = useParams()
  const access = useAccess()
  const bill = useLoad(() => fetchBill(id), [id])
  const [paying, setPaying] = useState(false)
  const [disputeLine, setDisputeLine] = useState<number | null>(null)
  useDocumentTitle(bill.data ? t('bills.detail.title', { number: bill.data.number }) : t('bills.title'))

  if (isForbidden(bill.error)) return <NoAccess />
  if (bill.error && toApiError(bill.error).status === 404) {
    return (
      <Result
        status="404"
        title={t('bills.detail.notFound')}
        extra={
          <Link to="/account/bills">
            <Button type="primary">{t('bills.detail.back')}</Button>
          </Link>
        }
      />
    )
  }
  const doc = bill.data
  const payable = !!doc && access.can('bills.pay') && PAYABLE_BILL_STATUSES.includes(doc.status as BillStatus) && isPositive(doc.totals.outstanding)
  const disputable = !!doc && access.can('bills.dispute') && DISPUTABLE.includes(doc.status ?? '')

  return (
    <>
      <PageHeader
        title={doc ? t('bills.detail.title', { number: doc.number }) : t('bills.title')}
        extra={
          <Space wrap>
            <Link to="/account/bills">
              <Button icon={<ArrowLeftOutlined />}>{t('bills.detail.back')}</Button>
            </Link>
            {doc && (
              <Button icon={<FilePdfOutlined />} href={billPdfUrl(doc.id, i18n.language)} target="_blank" rel="noopener">
                {t('bills.pdf')}
              </Button>
            )}
            {payable && (
              <Button type="primary" icon={<CreditCardOutlined />} onClick={() => setPaying(true)}>
                {t('bills.pay.open')}
              </Button>
            )}
          </Space>
        }
      />
      {bill.error !== null && (
        <Alert
          type="error"
          showIcon
          className="cd-form-alert"
          message={t('bills.loadFailed')}
          description={describeError(bill.error, t)}
          action={<Button size="small" onClick={() => void bill.reload()}>{t('common.retry')}</Button>}
        />
      )}
      {!doc ? (
        bill.loading && <Skeleton active />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <BillSummary doc={doc} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={15}>
              <BillLines doc={doc} onDispute={disputable ? (line) => setDisputeLine(line.id) : undefined} />
            </Col>
            <Col xs={24} xl={9}>
              <BillTotals doc={doc} />
            </Col>
          </Row>
          <BillPayments doc={doc} />
          <BillCreditNotes doc={doc} />
          <BillDisputes bill={doc} />
          {payable && <PayBillDialog bill={doc} open={paying} onClose={() => setPaying(false)} />}
          {disputable && (
            <DisputeDialog
              bill={doc}
              lineId={disputeLine}
              onClose={() => setDisputeLine(null)}
              onOpened={() => {
                setDisputeLine(null)
                void bill.reload()
              }}
            />
          )}
        </Space>
      )}
    </>
  )
}
