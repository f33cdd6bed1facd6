import { Card, DatePicker, Table, Tag, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchMemberUsage, type MemberUsage } from '../../api/orgs'
import { RoleTag } from '../org/OrgSwitcher'
import { viewerZone } from '../keys/keyText'
import { ListError } from '../ListFilters'
import { Money } from '../Money'
import { useLoad } from '../useLoad'
import { describeError } from '../../lib/formErrors'

/** Each member's use of the organization's keys between two days (the reader's zone): requests, tokens and charges. */
export function MemberUsageCard({ asset }: { asset: string | null }) {
  const { t, i18n } = useTranslation()
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()])
  const from = range[0].format('YYYY-MM-DD')
  const to = range[1].format('YYYY-MM-DD')
  const usage = useLoad(() => fetchMemberUsage({ from, to, tz: viewerZone() }), [from, to])
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n)
  const currency = usage.data?.currency ?? asset
  const rows: MemberUsage[] = [
    ...(usage.data?.members ?? []),
    ...(usage.data?.unassigned ? [{ member_id: 0, email: null, nickname: null, ...usage.data.unassigned }] : []),
  ]
  const columns: TableColumnsType<MemberUsage> = [
    {
      key: 'member',
      title: t('members.fields.member'),
      render: (_, r) =>
        r.member_id === 0 ? (
          t('members.usage.unassigned')
        ) : (
          <>
            {r.nickname || r.email || `#${r.member_id}`} {r.role && <RoleTag role={r.role} />}{' '}
            {r.active === false && <Tag bordered={false}>{t('members.usage.removed')}</Tag>}
          </>
        ),
    },
    { key: 'requests', title: t('members.usage.requests'), align: 'right', render: (_, r) => number(r.requests) },
    { key: 'tokens', title: t('members.usage.tokens'), align: 'right', render: (_, r) => number(r.tokens) },
    { key: 'charged', title: t('members.usage.charged'), align: 'right', render: (_, r) => <Money value={r.charged} asset={currency} testId="member-usage-charged" /> },
  ]
  return (
    <Card
      variant="borderless"
      className="cd-card"
      title={t('members.usage.title')}
      extra={
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          aria-label={t('members.usage.range')}
          disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          onChange={(next) => next?.[0] && next[1] && setRange([next[0], next[1]])}
        />
      }
    >
      <ListError error={usage.error ? describeError(usage.error, t) : null} onRetry={() => void usage.reload()} />
      <Table<MemberUsage> rowKey="member_id" columns={columns} dataSource={rows} loading={usage.loading} size="middle" pagination={false} locale={{ emptyText: t('members.usage.empty') }} />
    </Card>
  )
}
