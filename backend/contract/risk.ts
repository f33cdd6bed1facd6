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

export type RiskAlertKind = Values<typeof RISK_ALERT_KINDS>
export type RiskAlertStatus = Values<typeof RISK_ALERT_STATUSES>
