import { DownOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons'
import { App, Button, Dropdown, Space, Tag, Typography, type MenuProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { labelText } from '@creditdesk/contract/i18n'
import { MEMBER_ROLES } from '@creditdesk/contract/orgs'
import type { MemberRole } from '../../api/orgs'
import { useAccess } from '../../auth/access'
import { useAuth, useCurrentUser } from '../../auth/AuthContext'
import { describeError } from '../../lib/formErrors'
import { homePath, navItemFor, navRefusal } from '../../navigation'

const PERSONAL = 'personal'

export function RoleTag({ role }: { role: MemberRole | 'owner' }) {
  const { t, i18n } = useTranslation()
  const option = MEMBER_ROLES.find((r) => r.value === role)
  return (
    <Tag bordered={false} color={option?.color ?? 'default'} data-testid="role-tag" style={{ marginInlineEnd: 0 }}>
      {role === 'owner' ? t('orgs.owner') : (labelText(option?.label, i18n.language) ?? role)}
    </Tag>
  )
}

/**
 * The header's account switcher: the person's own account and each organization they belong to,
 * with their role there. The choice holds for this tab (api/acting.ts); the page then shows the new
 * account's data, or the account's first page when the new role cannot use this one.
 */
export function OrgSwitcher({ compact }: { compact: boolean }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const { switchOrg } = useAuth()
  const access = useAccess()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const [busy, setBusy] = useState(false)
  // An organization's own sign-in is "the personal account" here, not a second entry.
  const orgs = access.orgs.filter((o) => String(o.id) !== String(user.id))
  if (orgs.length === 0) return null

  const ownName = user.type === 'organization' ? user.nickname?.trim() || user.email : t('orgs.personal')
  const current = access.acting.orgId === null ? null : orgs.find((o) => o.id === access.acting.orgId)
  const currentName = current?.name ?? ownName

  const choose = async (key: string) => {
    const orgId = key === PERSONAL ? null : Number(key)
    if (orgId === access.acting.orgId) return
    setBusy(true)
    try {
      const next = await switchOrg(orgId)
      if (!next) return
      const name = orgId === null ? ownName : (orgs.find((o) => o.id === orgId)?.name ?? '')
      void message.success(t('orgs.switched', { name }))
      const nextAccess = {
        can: (c: Parameters<typeof access.can>[0]) => next.acting.capabilities.includes(c),
        inOrganization: next.acting.orgId !== null || user.type === 'organization',
      }
      const item = navItemFor(pathname)
      // A record of the previous account (a bill, …) means nothing in the new one: back to its list.
      if (item && navRefusal(item, nextAccess)) navigate(homePath(nextAccess))
      else if (item && pathname.replace(/\/+$/, '') !== item.path) navigate(item.path)
    } catch (err) {
      void message.error(describeError(err, t))
    } finally {
      setBusy(false)
    }
  }

  const items: MenuProps['items'] = [
    {
      key: PERSONAL,
      icon: <UserOutlined />,
      label: (
        <Space size={8} className="cd-org-option" data-testid="org-option-personal">
          <span>{ownName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.email}
          </Typography.Text>
        </Space>
      ),
    },
    { type: 'divider' },
    {
      type: 'group',
      key: 'orgs',
      label: t('orgs.organizations'),
      children: orgs.map((o) => ({
        key: String(o.id),
        icon: <TeamOutlined />,
        label: (
          <Space size={8} className="cd-org-option" data-testid={`org-option-${o.id}`}>
            <span>{o.name}</span>
            <RoleTag role={o.role} />
          </Space>
        ),
      })),
    },
  ]

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{ items, selectable: true, selectedKeys: [current ? String(current.id) : PERSONAL], onClick: ({ key }) => void choose(key) }}
    >
      <Button type="text" loading={busy} aria-label={t('orgs.switch')} data-testid="org-switcher" className="cd-org-switcher">
        <Space size={6}>
          {current ? <TeamOutlined /> : <UserOutlined />}
          {!compact && <span className="cd-org-name">{currentName}</span>}
          {current && <RoleTag role={access.acting.role} />}
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  )
}
