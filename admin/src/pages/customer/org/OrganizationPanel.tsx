import { useOne, type BaseRecord } from '@refinedev/core'
import { Card, Tabs } from 'antd'
import { TeamOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ResourceMeta } from '../../../meta/types'
import { useAdminMeta, useResourceMeta } from '../../../meta/MetaContext'
import { canDo, findResource } from '../../../meta/permissions'
import { OrgSummary } from './OrgSummary'
import { OrgMembers } from './OrgMembers'
import { OrgInvitations } from './OrgInvitations'
import { OrgContracts } from './OrgContracts'
import { OrgBills } from './OrgBills'
import { ORG_RESOURCES } from './orgResources'

/**
 * The organization side of a customer whose access was opened as an organization: summary
 * (type, verification, billing, suspension) and one tab each for members, pending invitations,
 * contracts and bills — a tab only when the viewer may list its resource.
 */
export function OrganizationPanel({ users, record }: { users: ResourceMeta; record: BaseRecord }) {
  const { t } = useTranslation()
  const meta = useAdminMeta()
  const organizations = useResourceMeta(ORG_RESOURCES.organizations)
  const readable = canDo(organizations, 'show')
  const { result: org } = useOne({ resource: ORG_RESOURCES.organizations, id: record.id!, queryOptions: { enabled: readable }, errorNotification: false })
  const merged: BaseRecord = { ...record, ...(readable ? org : {}) }
  const sources = [...(readable && organizations ? [organizations] : []), users]

  const tabs = [
    { key: 'members', resource: ORG_RESOURCES.members, children: <OrgMembers org={merged} /> },
    { key: 'invitations', resource: ORG_RESOURCES.invitations, children: <OrgInvitations org={merged} /> },
    { key: 'contracts', resource: ORG_RESOURCES.contracts, children: <OrgContracts org={merged} /> },
    { key: 'bills', resource: ORG_RESOURCES.bills, children: <OrgBills org={merged} /> },
  ]
  const visible = tabs.filter((tab) => canDo(findResource(meta, tab.resource), 'list'))

  return (
    <Card size="small" title={<span><TeamOutlined /> {t('org.title')}</span>} className="cd-org-panel" data-testid="org-panel">
      <OrgSummary record={merged} sources={sources} />
      {visible.length > 0 && (
        <Tabs
          size="small"
          items={visible.map((tab) => ({ key: tab.key, label: <span data-org-tab={tab.key}>{t(`org.tabs.${tab.key}`)}</span>, children: tab.children }))}
        />
      )}
    </Card>
  )
}
