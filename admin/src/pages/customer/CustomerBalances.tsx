import { useCustom, type BaseKey } from '@refinedev/core'
import { Alert, Card, Col, Row, Skeleton, Statistic, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatMoney, isZero } from '@creditdesk/contract/money'
import type { CustomerBalances as Balances } from '@creditdesk/contract/meta'
import { API_URL } from '../../providers/http'

/** What each figure means, in the support desk's words (shown on hover). */
const FIGURES = ['cash', 'gift', 'onHold', 'arrears'] as const

/**
 * The customer's four balances from GET /users/:id/balances: what they can spend (cash, vouchers),
 * what a refund or card dispute holds, and what they owe. Refreshes with every action on the page.
 */
export function CustomerBalances({ id }: { id: BaseKey }) {
  const { t, i18n } = useTranslation()
  const { result, query } = useCustom<Balances>({ url: `${API_URL}/users/${id}/balances`, method: 'get', errorNotification: false })
  if (query.isError) return <Alert type="error" showIcon message={t('customer.balances.failed')} description={query.error?.message} />
  const balances = query.isSuccess ? (result.data as Balances) : undefined

  return (
    <Row gutter={[16, 16]} className="cd-customer-balances" role="group" aria-label={t('customer.balances.title')}>
      {FIGURES.map((key) => {
        const value = balances?.[key]
        const owing = key === 'arrears' && value !== undefined && !isZero(value)
        const held = key === 'onHold' && value !== undefined && !isZero(value)
        return (
          <Col key={key} xs={12} md={6}>
            <Card size="small" className="cd-stat" data-balance={key}>
              {balances ? (
                <Tooltip title={t(`customer.balances.${key}Help`)} placement="bottomLeft">
                  <Statistic
                    title={t(`customer.balances.${key}`)}
                    value={formatMoney(value, balances.currency, { locale: i18n.language })}
                    valueStyle={{ fontVariantNumeric: 'tabular-nums', color: owing ? '#cf1322' : held ? '#d46b08' : undefined }}
                  />
                </Tooltip>
              ) : (
                <Skeleton active paragraph={false} title={{ width: '80%' }} />
              )}
            </Card>
          </Col>
        )
      })}
    </Row>
  )
}
