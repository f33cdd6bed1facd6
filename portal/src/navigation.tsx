import {
  ApiOutlined,
  BarChartOutlined,
  DashboardOutlined,
  GiftOutlined,
  LaptopOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ShoppingCartOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons'
import type { ReactNode } from 'react'

/**
 * The account menu. Later features (wallet, redeem codes, API keys) add their entries here, optionally
 * under a `group` (a translation key under `nav.groups`); with more than one group the menu shows
 * group titles. Only pages that exist are listed — no "coming soon" placeholders.
 */
export interface NavItem {
  key: string
  path: string
  icon: ReactNode
  /** translation key */
  label: string
  group?: string
}

export const ACCOUNT_NAV: NavItem[] = [
  // The wallet is the first page after sign-in (HOME_AFTER_LOGIN; /account redirects there).
  { key: 'wallet', path: '/account/wallet', icon: <WalletOutlined />, label: 'nav.wallet', group: 'money' },
  { key: 'redeem', path: '/account/redeem', icon: <GiftOutlined />, label: 'nav.redeem', group: 'money' },
  { key: 'buy', path: '/account/buy', icon: <ShoppingCartOutlined />, label: 'nav.buy', group: 'money' },
  { key: 'orders', path: '/account/orders', icon: <ProfileOutlined />, label: 'nav.orders', group: 'money' },
  { key: 'keys', path: '/account/keys', icon: <ApiOutlined />, label: 'nav.keys', group: 'api' },
  { key: 'usage', path: '/account/usage', icon: <BarChartOutlined />, label: 'nav.usage', group: 'api' },
  { key: 'quotas', path: '/account/quotas', icon: <DashboardOutlined />, label: 'nav.quotas', group: 'api' },
  { key: 'profile', path: '/account/profile', icon: <UserOutlined />, label: 'nav.profile', group: 'account' },
  { key: 'security', path: '/account/security', icon: <SafetyCertificateOutlined />, label: 'nav.security', group: 'account' },
  { key: 'sessions', path: '/account/sessions', icon: <LaptopOutlined />, label: 'nav.sessions', group: 'account' },
]

/** The menu entry for a location: the longest matching path prefix. */
export function activeNavKey(pathname: string, items: NavItem[] = ACCOUNT_NAV): string | undefined {
  const path = pathname.replace(/\/+$/, '') || '/'
  return [...items]
    .sort((a, b) => b.path.length - a.path.length)
    .find((item) => path === item.path || path.startsWith(item.path + '/'))?.key
}
