/**
 * Risk alerts of the anomaly job (issue 11 §3, PRD §8/§11 调用风控): what was seen, on what, and
 * where the alert stands.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'

export const RISK_ALERT_KINDS = [
  s('spend_spike', 'volcano', 'Spend spike', '消费突增'),
  s('request_spike', 'orange', 'Request-rate spike', '调用量突增'),
  s('monthly_cap_exceeded', 'red', 'Over the key’s monthly cap', '超出密钥月度上限'),
] as const satisfies readonly EnumOption[]

export const RISK_ALERT_SUBJECTS = [
  s('customer', 'blue', 'Customer', '用户'),
  s('api_key', 'purple', 'API key', 'API 密钥'),
] as const satisfies readonly EnumOption[]

export const RISK_ALERT_STATUSES = [
  s('open', 'red', 'Open', '待处理'),
  s('acknowledged', 'gold', 'Acknowledged', '已确认'),
  s('resolved', 'green', 'Resolved', '已处理'),
] as const satisfies readonly EnumOption[]

/** What staff did about an alert besides reading it (the last containment step taken). */
export const RISK_ALERT_ACTIONS = [
  s('locked_key', 'red', 'Key locked', '已锁定密钥'),
  s('froze_customer', 'magenta', 'Customer frozen', '已冻结用户'),
] as const satisfies readonly EnumOption[]

/** The status columns the database holds to these lists (checked by the contract drift test). */
export const RISK_STATUS_LISTS: Record<string, readonly EnumOption[]> = {
  risk_alerts: RISK_ALERT_STATUSES,
}

export type RiskAlertKind = Values<typeof RISK_ALERT_KINDS>
export type RiskAlertSubject = Values<typeof RISK_ALERT_SUBJECTS>
export type RiskAlertStatus = Values<typeof RISK_ALERT_STATUSES>
export type RiskAlertAction = Values<typeof RISK_ALERT_ACTIONS>
