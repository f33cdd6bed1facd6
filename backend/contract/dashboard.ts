/**
 * The console dashboard's cards (issue 11 §4, admin-prd §2): which figures exist, how each is
 * typed, and the wire shapes of `GET /api/admin/dashboard/summary` (its `cards` part) and
 * `GET /api/admin/dashboard/trend`. The backend computes (backend/services/dashboard/), the console
 * draws (admin/src/pages/dashboard/); both read this list.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'

/** How a card's values are written: counts and tokens as integers in strings, money as decimal strings in `currency`. */
export type DashboardCardKind = 'count' | 'tokens' | 'money'

const card = <V extends string>(value: V, kind: DashboardCardKind, en: string, zh: string, hintEn: string, hintZh: string) => ({
  ...s(value, 'default', en, zh),
  kind,
  hint: { 'en': hintEn, 'zh-CN': hintZh },
})

export const DASHBOARD_CARDS = [
  card('new_users', 'count', 'New users', '新增用户', 'Customer accounts created in the period.', '期间内新注册的用户账号数。'),
  card('recharged', 'money', 'Recharged', '充值金额', 'Credit added by recharges (ledger type recharge) in the period.', '期间内充值入账的金额（账本类型：充值）。'),
  card('tokens', 'tokens', 'Tokens consumed', 'Tokens 消耗', 'Input, output, cache-read and cache-write tokens of metered requests.', '计量请求的输入、输出、缓存读与缓存写 tokens 之和。'),
  card('cost', 'money', 'Model cost', '模型成本', 'What the upstream providers charge for the period’s requests (channel cost prices).', '期间内请求的上游供应商成本（按渠道成本价）。'),
  card('revenue', 'money', 'Revenue', '收入', 'What the period’s requests were charged to customers.', '期间内请求向用户扣费的金额。'),
  card('margin', 'money', 'Margin', '毛利', 'Revenue minus model cost; the rate is margin ÷ revenue.', '收入减模型成本；毛利率 = 毛利 ÷ 收入。'),
  card('staff_logins', 'count', 'Staff sign-ins', '员工登录', 'Successful staff sign-ins to the console.', '员工成功登录后台的次数。'),
  card('active_users', 'count', 'Active users', '使用人数', 'Customers with at least one metered request in the period.', '期间内至少有一次计量请求的用户数。'),
] as const satisfies ReadonlyArray<EnumOption & { kind: DashboardCardKind; hint: Record<string, string> }>
export type DashboardCardId = Values<typeof DASHBOARD_CARDS>

export const DASHBOARD_PERIODS = [
  s('today', 'default', 'Today', '今日'),
  s('week', 'default', 'This week', '本周'),
  s('month', 'default', 'This month', '本月'),
  s('year', 'default', 'This year', '今年'),
] as const satisfies readonly EnumOption[]
export type DashboardPeriod = Values<typeof DASHBOARD_PERIODS>

/** One card: its value for each period (weeks start on Monday; every period runs to now). */
export type DashboardCardWire = { id: DashboardCardId; kind: DashboardCardKind; values: Record<DashboardPeriod, string> }

/** The `cards` part of the summary: only the cards whose lists the caller's role may view. */
export type DashboardCards = {
  /** The zone whose days, weeks, months and years the periods follow. */
  zone: string
  /** The ledger asset the money cards are in. */
  currency: string
  /** When the figures were read (ISO). */
  as_of: string
  cards: DashboardCardWire[]
}

/** A card's trend: hours of today, days of this week or month, months of this year. */
export type DashboardTrend = {
  card: DashboardCardId
  period: DashboardPeriod
  granularity: 'hour' | 'day' | 'month'
  zone: string
  currency: string
  /** `bucket`: the bucket's start in the zone, `YYYY-MM-DD HH:00` (hour), `YYYY-MM-DD` (day) or `YYYY-MM` (month). */
  points: Array<{ bucket: string; value: string }>
}
