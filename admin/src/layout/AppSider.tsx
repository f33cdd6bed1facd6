import { useMemo, useState, type ReactNode } from 'react'
import { useMenu, type TreeMenuItem } from '@refinedev/core'
import { Button, ConfigProvider, Layout, Menu, type MenuProps } from 'antd'
import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useMetaState } from '../meta/MetaContext'
import { canAccess } from '../meta/permissions'
import { Logo } from './Logo'
import { SIDER_THEME } from '../app/theme'

export const SIDER_WIDTH = 240
const COLLAPSED_WIDTH = 64

type Items = NonNullable<MenuProps['items']>

/**
 * The console's menu: Refine's menu tree (groups from meta, then resources) filtered by what the
 * caller may list. Wide enough for labels like "Redemption codes"; groups start open; it stays in
 * view while the page scrolls and folds to icons on narrow screens.
 */
export function AppSider() {
  const { t, i18n } = useTranslation()
  const { menuItems, selectedKey } = useMenu()
  const { meta } = useMetaState()
  const [collapsed, setCollapsed] = useState(false)

  const toItems = (items: TreeMenuItem[]): Items =>
    items
      .filter((item) => canAccess(meta, item.name, 'list'))
      .flatMap((item): Items => {
        const label = String(item.label ?? item.meta?.label ?? item.name)
        const icon = item.meta?.icon as ReactNode
        if (item.children.length) {
          const children = toItems(item.children)
          return children.length ? [{ key: item.key, icon, label, children }] : []
        }
        return [{ key: item.key, icon, label: <Link to={item.route ?? '/'}>{label}</Link> }]
      })

  // The menu lists every resource: it is drawn again only when its items or the selection change, not on
  // every render of the layout around it (each page load renders the layout several times).
  // Refine's useMenu builds a new tree on every render; its content follows from meta and the language.
  const items = useMemo(() => toItems(menuItems), [meta, i18n.language]) // eslint-disable-line react-hooks/exhaustive-deps
  const menu = useMemo(() => {
    const groups = menuItems.filter((i) => i.children.length).map((i) => i.key)
    return (
      <ConfigProvider theme={SIDER_THEME}>
        <Menu className="cd-sider-menu" mode="inline" inlineIndent={16} selectedKeys={selectedKey ? [selectedKey] : []} defaultOpenKeys={groups} items={items} />
      </ConfigProvider>
    )
  }, [items, selectedKey]) // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Layout.Sider
      className="cd-sider"
      theme="light"
      width={SIDER_WIDTH}
      collapsedWidth={COLLAPSED_WIDTH}
      collapsed={collapsed}
      breakpoint="lg"
      onBreakpoint={(narrow) => setCollapsed(narrow)}
      trigger={null}
    >
      <Link to="/" className="cd-sider-brand" aria-label="Creditdesk">
        <Logo size={26} />
        {!collapsed && <span>Creditdesk</span>}
      </Link>
      {menu}
      <Button
        type="text"
        className="cd-sider-toggle"
        aria-label={collapsed ? t('buttons.expandMenu') : t('buttons.collapseMenu')}
        icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
        onClick={() => setCollapsed(!collapsed)}
      />
    </Layout.Sider>
  )
}
