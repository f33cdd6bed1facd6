import { LaptopOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons'
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
  { key: 'profile', path: '/account', icon: <UserOutlined />, label: 'nav.profile', group: 'account' },
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
