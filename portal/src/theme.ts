import type { ThemeConfig } from 'antd'

/**
 * The portal's antd theme, read by the app (Providers) and by the build step that renders antd's styles
 * ahead of time (admin/vite/antdStyles.ts, shared with the console): both must see the same tokens.
 */
export const PORTAL_THEME: ThemeConfig = {
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
