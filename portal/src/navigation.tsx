import {
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  GiftOutlined,
  LaptopOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons'
import type { ReactNode } from 'react'
import type { PortalCapability } from '@creditdesk/contract/orgs'

/**
 * The account menu and what each entry needs. Entries sit under a `group` (a translation key under
 * `nav.groups`); with more than one group the menu shows group titles. Only pages that exist are
 * listed — no "coming soon" placeholders. The same list gates the routes (AppRoutes): an entry the
 * acting role cannot use is neither in the menu nor reachable by its address (a clear refusal instead).
 */
export interface NavItem {
  key: string
  path: string
  icon: ReactNode
  /** translation key */
  label: string
  group?: string
  /** the capability of the acting role the page needs (none: the person's own settings) */
  requires?: PortalCapability
  /** only while acting in an organization (members, contracts, postpaid bills) */
  orgOnly?: boolean
  /** hidden when the role has this capability (the overview is the home of roles without the wallet) */
  unless?: PortalCapability
}

export const ACCOUNT_NAV: NavItem[] = [
  { key: 'overview', path: '/account/overview', icon: <AppstoreOutlined />, label: 'nav.overview', requires: 'dashboard.view', unless: 'wallet.view' },
  // The wallet is the first page after sign-in (HOME_AFTER_LOGIN; /account redirects there).
  { key: 'wallet', path: '/account/wallet', icon: <WalletOutlined />, label: 'nav.wallet', group: 'money', requires: 'wallet.view' },
  { key: 'redeem', path: '/account/redeem', icon: <GiftOutlined />, label: 'nav.redeem', group: 'money', requires: 'recharge' },
  { key: 'buy', path: '/account/buy', icon: <ShoppingCartOutlined />, label: 'nav.buy', group: 'money', requires: 'recharge' },
  { key: 'orders', path: '/account/orders', icon: <ProfileOutlined />, label: 'nav.orders', group: 'money', requires: 'recharge' },
  { key: 'bills', path: '/account/bills', icon: <FileTextOutlined />, label: 'nav.bills', group: 'billing', requires: 'bills.view', orgOnly: true },
  { key: 'statements', path: '/account/statements', icon: <CalendarOutlined />, label: 'nav.statements', group: 'billing', requires: 'wallet.view' },
  { key: 'invoices', path: '/account/invoices', icon: <AuditOutlined />, label: 'nav.invoices', group: 'billing', requires: 'invoices.request' },
  { key: 'keys', path: '/account/keys', icon: <ApiOutlined />, label: 'nav.keys', group: 'api', requires: 'keys.view' },
  { key: 'usage', path: '/account/usage', icon: <BarChartOutlined />, label: 'nav.usage', group: 'api', requires: 'usage.view' },
  { key: 'quotas', path: '/account/quotas', icon: <DashboardOutlined />, label: 'nav.quotas', group: 'api', requires: 'dashboard.view' },
  { key: 'members', path: '/account/members', icon: <TeamOutlined />, label: 'nav.members', group: 'organization', requires: 'members.manage', orgOnly: true },
  { key: 'contracts', path: '/account/contracts', icon: <FileProtectOutlined />, label: 'nav.contracts', group: 'organization', requires: 'dashboard.view', orgOnly: true },
  { key: 'profile', path: '/account/profile', icon: <UserOutlined />, label: 'nav.profile', group: 'account' },
  { key: 'security', path: '/account/security', icon: <SafetyCertificateOutlined />, label: 'nav.security', group: 'account' },
  { key: 'sessions', path: '/account/sessions', icon: <LaptopOutlined />, label: 'nav.sessions', group: 'account' },
]

/** What decides whether an entry shows: the acting role's capabilities and whether it acts in an organization. */
export interface NavAccess {
  can: (capability: PortalCapability) => boolean
  inOrganization: boolean
}

/** Why an entry is closed to the acting account: its role, or being a personal account; null when open. */
export function navRefusal(item: NavItem, access: NavAccess): 'role' | 'organization' | null {
  if (item.orgOnly && !access.inOrganization) return 'organization'
  if (item.requires && !access.can(item.requires)) return 'role'
  return null
}

/** The menu entries the acting account may use, in menu order. */
export function visibleNav(access: NavAccess, items: NavItem[] = ACCOUNT_NAV): NavItem[] {
  return items.filter((item) => navRefusal(item, access) === null && !(item.unless && access.can(item.unless)))
}

/** Where the acting account starts: the wallet when it may see it, else its first page. */
export function homePath(access: NavAccess): string {
  return visibleNav(access)[0]?.path ?? '/account/profile'
}

/** The menu entry for a location: the longest matching path prefix. */
export function activeNavKey(pathname: string, items: NavItem[] = ACCOUNT_NAV): string | undefined {
  return navItemFor(pathname, items)?.key
}

export function navItemFor(pathname: string, items: NavItem[] = ACCOUNT_NAV): NavItem | undefined {
  const path = pathname.replace(/\/+$/, '') || '/'
  return [...items]
    .sort((a, b) => b.path.length - a.path.length)
    .find((item) => path === item.path || path.startsWith(item.path + '/'))
}
