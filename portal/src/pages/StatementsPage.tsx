import { FilePdfOutlined } from '@ant-design/icons'
import { Alert, Button, Col, DatePicker, Row, Skeleton, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchStatement, statementPdfUrl } from '../api/bills'
import { BillLines } from '../components/bills/BillLines'
import { BillSummary } from '../components/bills/BillSummary'
import { BillTotals } from '../components/bills/BillTotals'
import { isForbidden, NoAccess } from '../components/NoAccess'
import { PageHeader } from '../components/PageHeader'
import { useLoad } from '../components/useLoad'
import { useDocumentTitle } from '../hooks'
import { describeError } from '../lib/formErrors'

/**
 * A prepaid account's monthly statement: what the month's usage, generations and adjustments were
 * charged and what vouchers and the balance covered. For reading and export, not for payment.
 */
export function StatementsPage() {
  const { t, i18n } = useTranslation()
  useDocumentTitle(t('statements.title'))
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month').startOf('month'))
  const key = month.format('YYYY-MM')
  const statement = useLoad(() => fetchStatement(key), [key])
  if (isForbidden(statement.error)) return <NoAccess />
  const doc = statement.data

  return (
    <>
      <PageHeader
        title={t('statements.title')}
        description={t('statements.description')}
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear={false}
              value={month}
              aria-label={t('statements.month')}
              disabledDate={(d) => d.isAfter(dayjs().endOf('month'))}
              onChange={(d) => d && setMonth(d.startOf('month'))}
            />
            <Button icon={<FilePdfOutlined />} href={statementPdfUrl(key, i18n.language)} target="_blank" rel="noopener" disabled={!doc}>
              {t('statements.pdf')}
            </Button>
          </Space>
        }
      />
      {statement.error !== null && (
        <Alert
          type="error"
          showIcon
          className="cd-form-alert"
          message={t('statements.loadFailed')}
          description={describeError(statement.error, t)}
          action={<Button size="small" onClick={() => void statement.reload()}>{t('common.retry')}</Button>}
        />
      )}
      {statement.loading && !doc ? (
        <Skeleton active />
      ) : (
        doc && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <BillSummary doc={doc} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <BillLines doc={doc} />
              </Col>
              <Col xs={24} xl={9}>
                <BillTotals doc={doc} />
              </Col>
            </Row>
          </Space>
        )
      )}
    </>
  )
}
