import '@ant-design/v5-patch-for-react-19'
import './i18n'
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd'
// The ES builds: the CommonJS `antd/locale/*` entries lose their default export in the production bundle,
// and antd then falls back to English ("20 / page", "Start date") whatever the language.
import enUS from 'antd/es/locale/en_US'
import zhCN from 'antd/es/locale/zh_CN'
import { useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuthProvider } from './auth/AuthContext'

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#4f46e5',
    colorLink: '#4f46e5',
    borderRadius: 8,
    colorBgLayout: '#f5f6fa',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 60, headerPadding: '0 24px', footerBg: 'transparent' },
    Menu: { itemBorderRadius: 8, activeBarBorderWidth: 0 },
    Card: { headerFontSize: 16 },
  },
}

/** i18n + antd theme/locale + antd App (message/modal context) + session. */
export function Providers({ children, motion = true }: { children: ReactNode; /** false in tests (jsdom fires no transitionend) */ motion?: boolean }) {
  const { i18n } = useTranslation()
  const locale = i18n.language === 'zh-CN' ? zhCN : enUS
  const themeConfig = useMemo(() => (motion ? theme : { ...theme, token: { ...theme.token, motion: false } }), [motion])
  return (
    <ConfigProvider locale={locale} theme={themeConfig}>
      <AntApp>
        <AuthProvider>{children}</AuthProvider>
      </AntApp>
    </ConfigProvider>
  )
}
