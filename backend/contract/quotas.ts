/**
 * Plan quotas (issue 11 §2, product-quota-system.md): the features a plan version counts, how a
 * quota resets, the alert thresholds and what a plan edit does to customers already on the plan.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'

/** When a quota's count starts again, in the customer's time zone (default UTC). */
export const QUOTA_PERIODS = [
  s('daily', 'blue', 'Daily', '每日'),
  s('monthly', 'purple', 'Monthly', '每月'),
  s('lifetime', 'default', 'Lifetime', '永久'),
] as const satisfies readonly EnumOption[]

/** The percentages of a quota at which the customer is alerted, once per period each. */
export const QUOTA_THRESHOLDS = [80, 95, 100] as const

/** What a plan edit does to the quotas of customers already on the plan (recorded in the plan history). */
export const QUOTA_EDIT_POLICIES = [
  s('keep_period', 'blue', 'Keep the current period’s count', '保留本周期用量'),
  s('reset', 'orange', 'Reset the count now', '立即重置用量'),
] as const satisfies readonly EnumOption[]

/** Feature codes the catalog knows by name; a plan may count any other code (shown as is). */
export const QUOTA_FEATURES = [
  s('video_generations', 'purple', 'Video generations', '视频生成次数'),
  s('articles_per_day', 'blue', 'Articles per day', '每日文章数'),
  s('publish_per_day', 'cyan', 'Publications per day', '每日发布数'),
  s('keyword_distillation', 'geekblue', 'Keyword distillations', '关键词蒸馏次数'),
  s('api_tokens', 'gold', 'API tokens', 'API Token 数'),
] as const satisfies readonly EnumOption[]

/** A customer's plan subscription. */
export const CUSTOMER_PLAN_STATUSES = [
  s('active', 'green', 'Active', '生效中'),
  s('expired', 'default', 'Expired', '已过期'),
  s('cancelled', 'default', 'Cancelled', '已取消'),
] as const satisfies readonly EnumOption[]

export const CUSTOMER_PLAN_SOURCES = [
  s('order', 'blue', 'Bought (order)', '购买（订单）'),
  s('staff', 'purple', 'Granted by staff', '后台赠予'),
] as const satisfies readonly EnumOption[]

export type QuotaPeriod = Values<typeof QUOTA_PERIODS>
export type QuotaEditPolicy = Values<typeof QUOTA_EDIT_POLICIES>
export type CustomerPlanStatus = Values<typeof CUSTOMER_PLAN_STATUSES>

/** One quota of a plan version (plans.quotas / plan_versions.quotas). `limit` null = unlimited. */
export type PlanQuota = { feature: string; limit: number | null; period: QuotaPeriod }

/** A customer's quota on the wire (portal `GET /api/portal/quotas`, internal check/consume). */
export type QuotaStateWire = {
  feature: string
  limit: number | null
  used: number
  remaining: number | null
  period: QuotaPeriod
  period_start: string | null
  resets_at: string | null
  plan: { id: number; name: string } | null
}

/** `POST /api/internal/quota/consume` refusal codes. */
export const QUOTA_REFUSALS = [
  s('QUOTA_EXCEEDED', 'red', 'Quota used up for this period', '本周期配额已用完'),
  s('NO_QUOTA', 'default', 'No active plan gives this feature', '没有生效的套餐包含此功能'),
] as const satisfies readonly EnumOption[]
export type QuotaRefusal = Values<typeof QUOTA_REFUSALS>

/** An alert of the current period as the portal lists it. */
export type QuotaAlertWire = { feature: string; period: QuotaPeriod; threshold: (typeof QUOTA_THRESHOLDS)[number]; period_start: string; created_at: string }

/** `GET /api/portal/quotas`: the customer's quotas now and this period's alerts. */
export type PortalQuotasWire = { quotas: QuotaStateWire[]; alerts: QuotaAlertWire[] }
