import { useLogout } from '@refinedev/core'
import { Avatar, Button, Divider, Layout, Space, Tag, Tooltip, Typography, theme } from 'antd'
import { LogoutOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useAdminMeta, useLabel } from '../meta/MetaContext'
import { LanguageSwitch } from './LanguageSwitch'
import { roleLabel } from '../engine/audit/labels'

/** Top bar: language, who is signed in (name + role), sign out. */
export function AppHeader() {
  const { t, i18n } = useTranslation()
  const { token } = theme.useToken()
  const label = useLabel()
  const { user } = useAdminMeta()
  const { mutate: logout } = useLogout()
  const initials = (user.name || user.email || '?').trim().slice(0, 1).toUpperCase()

  return (
    <Layout.Header
      style={{
        position: 'sticky', top: 0, zIndex: 10, height: 64, padding: '0 24px',
        display: 'flex', alignItems: 'center', justifyContent: 'flex-end',
        background: token.colorBgElevated, borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <Space size="middle" split={<Divider type="vertical" />}>
        <LanguageSwitch />
        <Tooltip title={`${t('header.signedInAs')} ${user.email}`}>
          <Space size={8} data-testid="current-user">
            <Avatar style={{ background: token.colorPrimary }}>{initials}</Avatar>
            <Typography.Text strong>{user.name || user.email}</Typography.Text>
            <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{roleLabel(user.role.name, label(user.role.label, user.role.name), t, i18n.language)}</Tag>
          </Space>
        </Tooltip>
        <Button type="text" icon={<LogoutOutlined />} onClick={() => logout()}>
          {t('buttons.logout')}
        </Button>
      </Space>
    </Layout.Header>
  )
}
