import { useList, type BaseKey } from '@refinedev/core'
import { Alert, Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { useResourceMeta } from '../../meta/MetaContext'
import { canDo } from '../../meta/permissions'

/**
 * "N cash adjustments wait for a second finance member": money that will move once someone else
 * approves, so support does not promise a balance the customer does not have yet.
 */
export function PendingAdjustments({ customerId, onReview }: { customerId: BaseKey; onReview: () => void }) {
  const { t } = useTranslation()
  const adjustments = useResourceMeta('cash-adjustments')
  const allowed = canDo(adjustments, 'list')
  const { result } = useList({
    resource: 'cash-adjustments',
    filters: [
      { field: 'customer_id', operator: 'eq', value: customerId },
      { field: 'status', operator: 'eq', value: 'PENDING' },
    ],
    pagination: { pageSize: 1 },
    queryOptions: { enabled: allowed },
    errorNotification: false,
  })
  const count = result.total ?? 0
  if (!allowed || count === 0) return null
  return (
    <Alert
      type="info"
      showIcon
      data-testid="pending-adjustments"
      message={t('customer.pendingAdjustments', { count })}
      action={<Button size="small" onClick={onReview}>{t('customer.review')}</Button>}
    />
  )
}
