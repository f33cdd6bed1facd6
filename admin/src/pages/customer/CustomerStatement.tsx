import { useState } from 'react'
import { useCustom, type BaseKey } from '@refinedev/core'
import { Alert, DatePicker, Empty, Skeleton, Space, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { BillDocument } from '@creditdesk/contract/bills'
import { API_URL } from '../../providers/http'
import { BillLines } from '../bills/BillLines'
import { BillTotals } from '../bills/BillTotals'
import { PdfButton } from '../bills/PdfButton'
import { formatPeriod } from '../bills/billFormat'

/**
 * A prepaid customer's monthly statement (usage by model, generations, adjustments — for reading
 * and export, not for payment): the month's document from GET /users/:id/statements/:month, drawn
 * like a bill's lines and totals, with its PDF.
 */
export function CustomerStatement({ id }: { id: BaseKey }) {
  const { t, i18n } = useTranslation()
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'))
  const key = month.format('YYYY-MM')
  const url = `${API_URL}/users/${encodeURIComponent(String(id))}/statements/${key}`
  const { result, query } = useCustom<BillDocument>({ url, method: 'get', errorNotification: false })
  const document = query.isSuccess ? (result.data as BillDocument) : undefined

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="customer-statement">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <DatePicker
            picker="month"
            value={month}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            onChange={(d) => d && setMonth(d.startOf('month'))}
            aria-label={t('customer.statement.month')}
          />
          {document && (
            <Typography.Text type="secondary">{formatPeriod(document.period.start, document.period.end, i18n.language, document.period.zone)} ({document.period.zone})</Typography.Text>
          )}
        </Space>
        <PdfButton url={`${url}/pdf`} fileName={`statement-${id}-${key}.pdf`} />
      </Space>
      {query.isError ? (
        <Alert type="error" showIcon message={t('customer.statement.failed')} description={query.error?.message} />
      ) : !document ? (
        <Skeleton active paragraph={{ rows: 4 }} title={false} />
      ) : document.lines.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.statement.empty')} />
      ) : (
        <>
          <BillLines document={document} />
          <BillTotals document={document} />
        </>
      )}
    </Space>
  )
}
