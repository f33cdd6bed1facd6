import { EditOutlined, UserAddOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Popconfirm, Progress, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { toUnits } from '@creditdesk/contract/money'
import { fetchMembers, removeMember, revokeInvitation, type OrgInvitation, type OrgMember } from '../api/orgs'
import { useAccess } from '../auth/access'
import { useCurrentUser } from '../auth/AuthContext'
import { EditMemberDialog } from '../components/members/EditMemberDialog'
import { InviteDialog } from '../components/members/InviteDialog'
import { MemberUsageCard } from '../components/members/MemberUsageCard'
import { Money, formatMoney } from '../components/Money'
import { isForbidden, NoAccess } from '../components/NoAccess'
import { RoleTag } from '../components/org/OrgSwitcher'
import { PageHeader } from '../components/PageHeader'
import { useLoad } from '../components/useLoad'
import { useWallet } from '../components/useWallet'
import { useDocumentTitle } from '../hooks'
import { formatDate } from '../lib/format'
import { describeError } from '../lib/formErrors'

/** How much of a cap was spent, 0–100. */
function spentPercent(spent: string, cap: string): number {
  const c = toUnits(cap)
  if (c <= 0n) return 100
  return Math.min(100, Number((toUnits(spent) * 100n) / c))
}

/**
 * The organization's members (admins only): roles, monthly spend caps and this month's spend,
 * invitations still pending, and each member's usage over a chosen range.
 */
export function MembersPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const me = useCurrentUser()
  const { currentOrg } = useAccess()
  useDocumentTitle(t('members.title'))
  const page = useLoad(fetchMembers)
  const { wallet } = useWallet()
  const asset = wallet?.asset ?? null
  const [inviting, setInviting] = useState(false)
  const [editing, setEditing] = useState<OrgMember | null>(null)
  if (isForbidden(page.error)) return <NoAccess />

  const act = async (run: () => Promise<void>, done: string) => {
    try {
      await run()
      void message.success(done)
      void page.reload()
    } catch (err) {
      void message.error(describeError(err, t))
    }
  }

  const memberColumns: TableColumnsType<OrgMember> = [
    {
      key: 'member',
      title: t('members.fields.member'),
      render: (_, m) => (
        <div>
          <Space size={6}>
            <span>{m.nickname || m.email}</span>
            {String(m.customer_id) === String(me.id) && <Tag bordered={false}>{t('members.you')}</Tag>}
          </Space>
          {m.nickname && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{m.email}</Typography.Text>}
        </div>
      ),
    },
    { key: 'role', title: t('members.fields.role'), render: (_, m) => <RoleTag role={m.role} /> },
    {
      key: 'spend',
      title: t('members.fields.monthSpend'),
      render: (_, m) =>
        m.monthly_spend_cap ? (
          <div style={{ minWidth: 160 }}>
            <Typography.Text data-testid="member-spend">
              {t('members.spentOfCap', { spent: formatMoney(t, m.month_spend, asset), cap: formatMoney(t, m.monthly_spend_cap, asset) })}
            </Typography.Text>
            <Progress percent={spentPercent(m.month_spend, m.monthly_spend_cap)} size="small" showInfo={false} status={spentPercent(m.month_spend, m.monthly_spend_cap) >= 100 ? 'exception' : 'normal'} />
          </div>
        ) : (
          <Space direction="vertical" size={0}>
            <Money value={m.month_spend} asset={asset} testId="member-spend" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('members.noCap')}</Typography.Text>
          </Space>
        ),
    },
    { key: 'joined', title: t('members.fields.joined'), responsive: ['md'], render: (_, m) => formatDate(m.joined_at) },
    {
      key: 'actions',
      title: t('members.fields.actions'),
      render: (_, m) => (
        <Space wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(m)}>
            {t('members.edit.open')}
          </Button>
          {String(m.customer_id) !== String(me.id) && !m.account_owner && (
            <Popconfirm
              title={t('members.remove.confirm', { name: m.nickname || m.email })}
              description={t('members.remove.text')}
              okText={t('members.remove.submit')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => act(() => removeMember(m.id), t('members.remove.done'))}
            >
              <Button size="small" danger>
                {t('members.remove.submit')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  const invitationColumns: TableColumnsType<OrgInvitation> = [
    { key: 'email', title: t('fields.email'), render: (_, i) => i.email },
    { key: 'role', title: t('members.fields.role'), render: (_, i) => <RoleTag role={i.role} /> },
    { key: 'sent', title: t('members.invitations.sent'), responsive: ['md'], render: (_, i) => formatDate(i.created_at) },
    { key: 'expires', title: t('members.invitations.expires'), render: (_, i) => formatDate(i.expires_at) },
    {
      key: 'actions',
      title: t('members.fields.actions'),
      render: (_, i) => (
        <Popconfirm title={t('members.invitations.revokeConfirm', { email: i.email })} okText={t('members.invitations.revoke')} cancelText={t('common.cancel')} onConfirm={() => act(() => revokeInvitation(i.id), t('members.invitations.revoked'))}>
          <Button size="small" danger>
            {t('members.invitations.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('members.title')}
        description={currentOrg ? t('members.descriptionOf', { org: currentOrg.name }) : t('members.description')}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)}>
            {t('members.invite.open')}
          </Button>
        }
      />
      {page.error !== null && <Alert type="error" showIcon className="cd-form-alert" message={t('members.loadFailed')} description={describeError(page.error, t)} />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card variant="borderless" className="cd-card" title={t('members.listTitle')}>
          <Table<OrgMember> rowKey="id" columns={memberColumns} dataSource={page.data?.members ?? []} loading={page.loading} size="middle" pagination={false} locale={{ emptyText: t('members.empty') }} />
        </Card>
        <Card variant="borderless" className="cd-card" title={t('members.invitations.title')}>
          <Table<OrgInvitation> rowKey="id" columns={invitationColumns} dataSource={page.data?.invitations ?? []} loading={page.loading} size="middle" pagination={false} locale={{ emptyText: t('members.invitations.empty') }} />
        </Card>
        <MemberUsageCard asset={asset} />
      </Space>
      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={() => {
          setInviting(false)
          void page.reload()
        }}
      />
      <EditMemberDialog
        member={editing}
        asset={asset}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          void page.reload()
        }}
      />
    </>
  )
}
