import { useMemo, type ReactNode } from 'react'
import { EditButton, Show } from '@refinedev/antd'
import { useShow, type BaseRecord } from '@refinedev/core'
import { Card, Descriptions, Space, Tabs, Tag, Tooltip } from 'antd'
import { CheckCircleOutlined, LockOutlined } from '@ant-design/icons'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ScreenProps } from '../../engine/registry'
import type { FieldMeta, ResourceMeta } from '../../meta/types'
import { useAdminMeta, useLabel, useResourceMeta } from '../../meta/MetaContext'
import { canDo, findResource } from '../../meta/permissions'
import { FieldValue } from '../../engine/fields/FieldValue'
import { recordTitle } from '../../engine/fields/recordTitle'
import { RecordHistory } from '../../engine/show/RecordHistory'
import { AUDIT_RESOURCE } from '../../engine/audit/entry'
import { AppBreadcrumb } from '../../layout/AppBreadcrumb'
import { CustomerActions } from './CustomerActions'
import { CustomerBalances } from './CustomerBalances'
import { CustomerTier } from './CustomerTier'
import { FixedFilterList } from './FixedFilterList'
import { PendingAdjustments } from './PendingAdjustments'
import { SignedAmount } from './signedAmount'
import { customerTabs, type CustomerTab } from './customerTabs'
import { RecordError } from '../../engine/list/ListError'
import { OrganizationPanel } from './org/OrganizationPanel'
import { CustomerStatement } from './CustomerStatement'
import { ORG_PANEL_FIELDS } from './org/orgResources'

/** Fields the header shows as status tags rather than as rows, and the organization's (its panel shows them). */
const STATUS_FIELDS = ['frozen', 'frozen_reason', 'tier', 'verification_status', ...ORG_PANEL_FIELDS]
const HISTORY = 'history'
const STATEMENT = 'statement'

/**
 * The support desk: who the customer is, their status and balances at the top, the actions staff
 * take on them, and one tab per lookup of the ops manual (orders, refunds, ledger with signed
 * amounts, vouchers, codes, cash adjustments, history), each the resource's generated list fixed
 * to this customer. The open tab is in the URL (?tab=ledger) so a link lands on it.
 */
export function CustomerPage({ resource, id }: ScreenProps) {
  const { t } = useTranslation()
  const label = useLabel()
  const meta = useAdminMeta()
  const audit = useResourceMeta(AUDIT_RESOURCE)
  const [params, setParams] = useSearchParams()
  const { query, result: record } = useShow<BaseRecord>({ resource: resource.name, id: id!, errorNotification: false })
  const tabs = useMemo(() => customerTabs(meta, id!), [meta, id])
  const showHistory = canDo(audit, 'list')
  // a postpaid organization reads its bills; everyone else a monthly statement
  const showStatement = !!record && record.billing_mode !== 'postpaid'
  const keys = [...tabs.map((tab) => tab.key), ...(showStatement ? [STATEMENT] : []), ...(showHistory ? [HISTORY] : [])]
  const active = keys.includes(params.get('tab') ?? '') ? params.get('tab')! : keys[0]
  const open = (key: string) => setParams((prev) => ({ ...Object.fromEntries(prev), tab: key }), { replace: true })

  if (query.isError) return <RecordError error={query.error} />

  const title = record ? recordTitle(record, resource) : label(resource.label, resource.name)
  const details = resource.fields.filter((f) => f.show && !STATUS_FIELDS.includes(f.name) && !isBalanceColumn(f))

  return (
    <Show
      resource={resource.name}
      breadcrumb={<AppBreadcrumb />}
      recordItemId={id}
      title={title}
      isLoading={query.isLoading}
      canEdit={canDo(resource, 'edit')}
      canDelete={false}
      contentProps={{ className: 'cd-show-content', variant: 'borderless' }}
      headerProps={{ tags: record ? <StatusTags resource={resource} record={record} /> : undefined }}
      headerButtons={
        <Space wrap>
          {record && <CustomerActions resource={resource} record={record} />}
          {canDo(resource, 'edit') && <EditButton resource={resource.name} recordItemId={id} />}
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <CustomerBalances id={id!} />
        <CustomerTier id={id!} resource={resource} />
        {record?.type === 'organization' && <OrganizationPanel users={resource} record={record} />}
        <PendingAdjustments customerId={id!} onReview={() => open('cashAdjustments')} />
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 4 }}
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={details.map((f) => ({
              key: f.name,
              label: label(f.label, f.name),
              children: record ? <FieldValue field={f} resource={resource} record={record} mode="show" /> : null,
            }))}
          />
        </Card>
        <Card className="cd-section" styles={{ body: { paddingTop: 4 } }}>
          <Tabs
            activeKey={active}
            onChange={open}
            items={[
              ...tabs.map((tab) => ({ key: tab.key, label: <TabTitle tab={tab} />, children: <TabList tab={tab} /> })),
              ...(showStatement ? [{ key: STATEMENT, label: <span data-tab={STATEMENT}>{t('customer.tabs.statement')}</span>, children: <CustomerStatement id={id!} /> }] : []),
              ...(showHistory ? [{ key: HISTORY, label: t('customer.tabs.history'), children: <RecordHistory resource={resource} id={id!} /> }] : []),
            ]}
          />
        </Card>
      </Space>
    </Show>
  )
}

/** Balances computed per row for the users list (cash, gift): the header shows them from the ledger. */
const isBalanceColumn = (f: FieldMeta) => f.type === 'money' && (f as FieldMeta & { readOnly?: boolean }).readOnly === true

function TabTitle({ tab }: { tab: CustomerTab }) {
  const { t } = useTranslation()
  const label = useLabel()
  return <span data-tab={tab.key}>{'key' in tab.title ? t(tab.title.key) : label(tab.title.label, tab.title.fallback)}</span>
}

function TabList({ tab }: { tab: CustomerTab }) {
  const { i18n } = useTranslation()
  const meta = useAdminMeta()
  const target = findResource(meta, tab.resource)!
  const currency = target.fields.find((f) => f.name === 'amount')?.currency ?? meta.settings?.currency
  const render = tab.signed ? { amount: (record: BaseRecord) => <SignedAmount record={record} currency={currency} locale={i18n.language} /> } : undefined
  return <FixedFilterList resource={target} fixed={tab.fixed} render={render} />
}

/** Frozen or active (with the freeze reason on hover), then tier and verification as their enum tags. */
function StatusTags({ resource, record }: { resource: ResourceMeta; record: BaseRecord }) {
  const { t } = useTranslation()
  const label = useLabel()
  const field = (name: string) => resource.fields.find((f) => f.name === name)
  const tags: ReactNode[] = []
  if (field('frozen')) {
    tags.push(
      record.frozen ? (
        <Tooltip key="frozen" title={record.frozen_reason ? String(record.frozen_reason) : undefined}>
          <Tag color="red" icon={<LockOutlined />} data-status="frozen">{t('customer.frozen')}</Tag>
        </Tooltip>
      ) : (
        <Tag key="frozen" color="green" icon={<CheckCircleOutlined />} data-status="active">{t('customer.active')}</Tag>
      ),
    )
  }
  for (const name of ['tier', 'verification_status']) {
    const f = field(name)
    const option = f?.options?.find((o) => String(o.value) === String(record[name]))
    // "Tier: Pro", "Verification: Rejected": a bare "Rejected" beside the name would be a riddle
    if (f && option) tags.push(<Tag key={name} color={option.color} data-status={name}>{t('customer.statusTag', { field: label(f.label, name), value: label(option.label, String(option.value)) })}</Tag>)
  }
  return <Space size={4}>{tags}</Space>
}
