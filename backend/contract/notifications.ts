/**
 * In-app notifications to customers (table `notifications`, issue 11): what each kind is, and how
 * loud. Title and body are stored in both languages on the row; these labels name the kinds in
 * filters and lists.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'

export const NOTIFICATION_KINDS = [
  s('tier_upgraded', 'green', 'Tier upgraded', '账号等级提升'),
  s('tier_changed', 'blue', 'Tier changed', '账号等级变更'),
  s('quota_threshold', 'orange', 'Quota alert', '配额预警'),
  s('quota_reset', 'default', 'Quota reset', '配额已重置'),
  s('plan_granted', 'green', 'Plan activated', '套餐已生效'),
  s('key_locked', 'red', 'API key locked', 'API 密钥已锁定'),
  s('risk_alert', 'volcano', 'Unusual usage', '用量异常'),
  s('refund.succeeded', 'green', 'Refund paid', '退款已到账'),
  s('refund.failed', 'red', 'Refund failed', '退款失败'),
  s('refund.rejected', 'default', 'Refund declined', '退款被拒绝'),
  s('bill_issued', 'blue', 'Bill issued', '账单已出账'),
  s('bill_sent', 'gold', 'Bill awaiting payment', '账单待支付'),
  s('bill_overdue', 'orange', 'Bill overdue', '账单已逾期'),
  s('billing_suspended', 'red', 'Service suspended (overdue bill)', '账单逾期，服务已停用'),
  s('billing_resumed', 'green', 'Service resumed', '服务已恢复'),
  s('credit_note', 'green', 'Credit note issued', '已开具冲正单'),
  s('invoice_issued', 'green', 'Invoice issued', '发票已开具'),
  s('invoice_rejected', 'default', 'Invoice request declined', '开票申请被驳回'),
] as const satisfies readonly EnumOption[]

export const NOTIFICATION_SEVERITIES = [
  s('info', 'blue', 'Info', '通知'),
  s('warning', 'orange', 'Warning', '警告'),
  s('critical', 'red', 'Critical', '严重'),
] as const satisfies readonly EnumOption[]

export type NotificationKind = Values<typeof NOTIFICATION_KINDS>
export type NotificationSeverity = Values<typeof NOTIFICATION_SEVERITIES>

/** Both languages of a notification's title or body, as stored. */
export type LocalizedText = { 'en': string; 'zh-CN': string }

/** A notification on the wire (portal `GET /api/portal/notifications`). */
export type NotificationWire = {
  id: number
  kind: NotificationKind
  severity: NotificationSeverity
  title: LocalizedText
  body: LocalizedText
  data: Record<string, unknown>
  read_at: string | null
  created_at: string
}

/** `GET /api/portal/notifications?page=&per_page=&unread=1`: a page, the total of the filter, and the unread count. */
export type PortalNotificationsWire = { data: NotificationWire[]; total: number; unread: number }
