import { Skeleton, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../meta/types'
import { useLabel } from '../../meta/MetaContext'
import type { ListSummary } from '@creditdesk/contract/meta'
import { formatMoney } from '@creditdesk/contract/money'
import { listOptionsOf } from './listMeta'

/**
 * What finance asks first, above a money table: how many rows match, and the sum of each declared
 * money field per currency ("Amount $1,204.50 · ¥300.00") or count column ("Input tokens 1,204,500").
 */
export function ListTotals({ resource, summary, loading }: { resource: ResourceMeta; summary?: ListSummary; loading?: boolean }) {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const fields = (listOptionsOf(resource).totals ?? [])
    .map((name) => resource.fields.find((f) => f.name === name))
    .filter((f): f is NonNullable<typeof f> => !!f)
  if (!fields.length) return null
  if (!summary) return loading ? <Skeleton.Input active size="small" className="cd-totals" style={{ width: 320 }} /> : null
  const count = new Intl.NumberFormat(i18n.language).format(summary.count)
  // a count column's total (tokens) can pass 2^53: formatted from its digits
  const whole = (digits: string) => new Intl.NumberFormat(i18n.language).format(BigInt(digits))
  return (
    <div className="cd-totals" role="status" aria-label={t('list.totals')} data-testid="list-totals">
      <span>
        <Typography.Text type="secondary">{t('list.count')}</Typography.Text>{' '}
        <Typography.Text strong>{summary.estimated ? `≈ ${count}` : count}</Typography.Text>
      </span>
      {fields.map((field) => {
        const sums = summary.totals?.[field.name] ?? []
        return (
          <span key={field.name}>
            <Typography.Text type="secondary">{label(field.label, field.name)}</Typography.Text>{' '}
            <Typography.Text strong className="cd-num">
              {sums.length ? sums.map((s) => (s.currency === undefined ? whole(s.amount) : formatMoney(s.amount, s.currency, { locale: i18n.language }))).join(' · ') : '—'}
            </Typography.Text>
          </span>
        )
      })}
    </div>
  )
}
