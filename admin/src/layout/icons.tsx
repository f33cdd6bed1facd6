import type { ReactNode } from 'react'
import {
  AlertOutlined, ApiOutlined, AppstoreOutlined, AuditOutlined, BankOutlined, CreditCardOutlined, DashboardOutlined,
  DatabaseOutlined, FileTextOutlined, GiftOutlined, HistoryOutlined, KeyOutlined, LockOutlined, ReconciliationOutlined,
  RollbackOutlined, SafetyOutlined, SettingOutlined, ShoppingCartOutlined, TableOutlined, TagsOutlined, TeamOutlined,
  TransactionOutlined, UnorderedListOutlined, UserOutlined, WalletOutlined,
} from '@ant-design/icons'
import { DEFAULT_ICON, type IconName } from '@creditdesk/contract/icons'

/**
 * One component per icon name of the contract (backend/contract/icons.ts). Typed as a full
 * record, so a name added there without a component here does not compile; the drift test checks
 * the same from the backend's side.
 */
export const ICONS: Record<IconName, ReactNode> = {
  'alert': <AlertOutlined />,
  'api': <ApiOutlined />,
  'appstore': <AppstoreOutlined />,
  'audit': <AuditOutlined />,
  'bank': <BankOutlined />,
  'credit-card': <CreditCardOutlined />,
  'dashboard': <DashboardOutlined />,
  'database': <DatabaseOutlined />,
  'file': <FileTextOutlined />,
  'gift': <GiftOutlined />,
  'history': <HistoryOutlined />,
  'key': <KeyOutlined />,
  'lock': <LockOutlined />,
  'reconciliation': <ReconciliationOutlined />,
  'rollback': <RollbackOutlined />,
  'safety': <SafetyOutlined />,
  'setting': <SettingOutlined />,
  'shopping-cart': <ShoppingCartOutlined />,
  'table': <TableOutlined />,
  'tags': <TagsOutlined />,
  'team': <TeamOutlined />,
  'transaction': <TransactionOutlined />,
  'unordered-list': <UnorderedListOutlined />,
  'user': <UserOutlined />,
  'wallet': <WalletOutlined />,
}

/** Meta carries an icon name; one the console does not know (a newer server) gets the default. */
export function iconFor(hint: string | undefined): ReactNode {
  return (hint && ICONS[hint as IconName]) || ICONS[DEFAULT_ICON]
}
