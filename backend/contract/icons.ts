/**
 * The icon names a resource may declare (`icon:` in backend/resources/*.ts). The console maps each
 * to an @ant-design/icons component (admin/src/layout/icons.tsx); the drift test fails when a
 * resource uses a name missing here or the console's map misses one of these.
 */
export const ICON_NAMES = [
  'alert',
  'api',
  'appstore',
  'audit',
  'bank',
  'credit-card',
  'dashboard',
  'database',
  'file',
  'gift',
  'history',
  'key',
  'lock',
  'reconciliation',
  'rollback',
  'safety',
  'setting',
  'shopping-cart',
  'table',
  'tags',
  'team',
  'transaction',
  'unordered-list',
  'user',
  'wallet',
] as const

export type IconName = (typeof ICON_NAMES)[number]

/** What a resource without an `icon` shows. */
export const DEFAULT_ICON: IconName = 'table'

export function isIconName(value: string): value is IconName {
  return (ICON_NAMES as readonly string[]).includes(value)
}
