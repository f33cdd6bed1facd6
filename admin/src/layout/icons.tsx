import type { ReactNode } from 'react'
import {
  AppstoreOutlined, AuditOutlined, BankOutlined, DashboardOutlined, FileTextOutlined, GiftOutlined,
  KeyOutlined, SafetyOutlined, SettingOutlined, ShoppingCartOutlined, TeamOutlined, UserOutlined,
  WalletOutlined, CreditCardOutlined, TagsOutlined, DatabaseOutlined, LockOutlined, ApiOutlined,
} from '@ant-design/icons'

const ICONS: Record<string, ReactNode> = {
  user: <UserOutlined />, team: <TeamOutlined />, safety: <SafetyOutlined />, audit: <AuditOutlined />,
  setting: <SettingOutlined />, wallet: <WalletOutlined />, dashboard: <DashboardOutlined />,
  bank: <BankOutlined />, file: <FileTextOutlined />, gift: <GiftOutlined />, key: <KeyOutlined />,
  order: <ShoppingCartOutlined />, shopping: <ShoppingCartOutlined />, 'credit-card': <CreditCardOutlined />,
  tags: <TagsOutlined />, database: <DatabaseOutlined />, lock: <LockOutlined />, api: <ApiOutlined />,
}

/** Meta carries an icon hint ("user", "wallet" …); unknown hints get a neutral icon. */
export function iconFor(hint: string | undefined): ReactNode {
  return (hint && ICONS[hint]) || <AppstoreOutlined />
}
