import { DownOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons'
import { App, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography, type MenuProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, useLocation, useNavigate } from 'react-router'
import { useAuth, useCurrentUser } from '../auth/AuthContext'
import { Brand } from '../components/Brand'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { NotificationBell } from '../components/notifications/NotificationBell'
import { PRODUCT_NAME } from '../config'
import { useAccess } from '../auth/access'
import { OrgSwitcher } from '../components/org/OrgSwitcher'
import { activeNavKey, visibleNav } from '../navigation'

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation()
  const location = useLocation()
  const navigate = useNavigate()
  const nav = visibleNav(useAccess())
  const groups = [...new Set(nav.map((i) => i.group ?? ''))]
  const toItem = (i: (typeof nav)[number]) => ({ key: i.key, icon: i.icon, label: t(i.label) })
  const items: MenuProps['items'] =
    groups.length > 1
      ? groups.map((g) => ({
          type: 'group' as const,
          key: `group:${g}`,
          label: t(`nav.groups.${g}`, { defaultValue: '' }),
          children: nav.filter((i) => (i.group ?? '') === g).map(toItem),
        }))
      : nav.map(toItem)
  const selected = activeNavKey(location.pathname, nav)
  return (
    <Menu
      mode="inline"
      className="cd-nav"
      selectedKeys={selected ? [selected] : []}
      items={items}
      aria-label={t('nav.account')}
      onClick={({ key }) => {
        const item = nav.find((i) => i.key === key)
        if (item) navigate(item.path)
        onNavigate?.()
      }}
    />
  )
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const { logout } = useAuth()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const nav = visibleNav(useAccess())
  const name = user.nickname?.trim() || user.email
  const initial = (name || '?').trim().charAt(0).toUpperCase()

  const signOut = async () => {
    try {
      await logout() // clears the user; the route guard then goes to /login
      void message.success(t('nav.signedOut'))
    } catch {
      /* the local session is cleared either way */
    }
  }

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div className="cd-user-menu-head">
          <Typography.Text strong>{name}</Typography.Text>
          {name !== user.email && <Typography.Text type="secondary">{user.email}</Typography.Text>}
        </div>
      ),
    },
    { type: 'divider' },
    ...nav.map((i) => ({ key: i.key, icon: i.icon, label: t(i.label) })),
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.signOut'), danger: true },
  ]

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'logout') return void signOut()
          const item = nav.find((i) => i.key === key)
          if (item) navigate(item.path)
        },
      }}
    >
      <Button type="text" className="cd-user-button" aria-label={t('nav.account')}>
        <Space size={8}>
          <Avatar size={28} style={{ background: '#4f46e5' }}>
            {initial}
          </Avatar>
          {!compact && <span className="cd-user-name">{name}</span>}
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  )
}

export function AccountLayout() {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const desktop = !!screens.lg
  const [drawerOpen, setDrawerOpen] = useState(false)
  const { scopeKey } = useAuth()

  return (
    <Layout className="cd-shell" hasSider={desktop}>
      {desktop && (
        <Layout.Sider width={240} theme="light" className="cd-sider">
          <div className="cd-sider-brand">
            <Brand to="/account" />
          </div>
          <NavMenu />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="cd-header">
          {!desktop && (
            <>
              <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} onClick={() => setDrawerOpen(true)} />
              <Brand to="/account" />
            </>
          )}
          <div className="cd-spacer" />
          <OrgSwitcher compact={!screens.md} />
          <LanguageSwitch />
          <NotificationBell key={scopeKey} />
          <UserMenu compact={!screens.md} />
        </Layout.Header>
        <Layout.Content className="cd-content">
          <div className="cd-container">
            <Outlet />
          </div>
        </Layout.Content>
        <Layout.Footer className="cd-footer">
          © {new Date().getFullYear()} {PRODUCT_NAME}
        </Layout.Footer>
      </Layout>
      {!desktop && (
        <Drawer
          placement="left"
          width={260}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={<Brand to="/account" />}
          styles={{ body: { padding: 8 } }}
        >
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  )
}
