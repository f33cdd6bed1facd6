import type { ThemeConfig } from 'antd'

/**
 * The console's antd themes, read by the app and by the build step that renders antd's styles ahead
 * of time (vite/antdStyles.ts): both must see the same tokens, or the browser computes the styles again.
 */

/** Refine's blue (`RefineThemes.Blue`) with rounder corners. */
export const CONSOLE_THEME: ThemeConfig = { token: { colorPrimary: '#1677FF', borderRadius: 8 } }

/** The side menu's denser items, nested inside CONSOLE_THEME. */
export const SIDER_THEME: ThemeConfig = { components: { Menu: { itemHeight: 36, itemMarginBlock: 2, subMenuItemBg: 'transparent' } } }
