/**
 * The usage vocabulary (issue 10): model kinds and billing units, channel, upstream key, API key,
 * usage record, hold and generation statuses, and the typed refusals of key verification —
 * one list each, in the database's spelling, with both languages and a tag colour.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'

export const MODEL_KINDS = [
  s('text', 'blue', 'Text', '文本'),
  s('image', 'magenta', 'Image', '图像'),
  s('video', 'purple', 'Video', '视频'),
  s('audio', 'cyan', 'Audio', '音频'),
] as const satisfies readonly EnumOption[]

/** What one price covers. Token prices are per 1,000,000 tokens. */
export const BILLING_UNITS = [
  s('per_1m_tokens', 'blue', 'Per 1M tokens', '每百万 Token'),
  s('per_request', 'default', 'Per request', '每次请求'),
  s('per_second', 'purple', 'Per second of video', '每秒视频'),
  s('per_image', 'magenta', 'Per image', '每张图片'),
] as const satisfies readonly EnumOption[]

/** How many billed quantities one price covers, per billing unit. */
export const UNIT_SIZE: Record<BillingUnit, bigint> = {
  per_1m_tokens: 1_000_000n,
  per_request: 1n,
  per_second: 1n,
  per_image: 1n,
}

export const MODEL_STATUSES = [
  s('active', 'green', 'Active', '启用'),
  s('disabled', 'default', 'Disabled', '停用'),
] as const satisfies readonly EnumOption[]

export const CHANNEL_TYPES = [
  s('openai', 'green', 'OpenAI', 'OpenAI'),
  s('anthropic', 'orange', 'Anthropic', 'Anthropic'),
  s('google', 'blue', 'Google', 'Google'),
  s('azure', 'geekblue', 'Azure OpenAI', 'Azure OpenAI'),
  s('aws', 'gold', 'AWS Bedrock', 'AWS Bedrock'),
  s('custom', 'default', 'Custom', '自定义'),
] as const satisfies readonly EnumOption[]

export const CHANNEL_STATUSES = [
  s('enabled', 'green', 'Enabled', '启用'),
  s('disabled', 'default', 'Disabled', '停用'),
  s('auto_disabled', 'red', 'Auto-disabled', '自动禁用'),
] as const satisfies readonly EnumOption[]

export const UPSTREAM_KEY_STATUSES = [
  s('active', 'green', 'Active', '使用中'),
  s('disabled', 'default', 'Disabled', '停用'),
  s('retired', 'default', 'Retired', '已退役'),
] as const satisfies readonly EnumOption[]

/** Stored API key statuses. */
export const API_KEY_STATUSES = [
  s('enabled', 'green', 'Enabled', '启用'),
  s('disabled', 'default', 'Disabled', '停用'),
  s('locked', 'red', 'Locked', '已锁定'),
] as const satisfies readonly EnumOption[]

/** What a key's state reads as: its stored status, or `expired` once its expiry has passed. */
export const API_KEY_STATES = [...API_KEY_STATUSES, s('expired', 'orange', 'Expired', '已过期')] as const satisfies readonly EnumOption[]

export const USAGE_STATUSES = [
  s('success', 'green', 'Success', '成功'),
  s('error', 'red', 'Error', '失败'),
  s('cancelled', 'default', 'Cancelled', '已取消'),
] as const satisfies readonly EnumOption[]

export const HOLD_STATUSES = [
  s('held', 'gold', 'On hold', '冻结中'),
  s('captured', 'green', 'Captured', '已扣费'),
  s('released', 'default', 'Released', '已释放'),
  s('expired', 'orange', 'Expired (released)', '已过期释放'),
] as const satisfies readonly EnumOption[]

export const GENERATION_TYPES = [
  s('video', 'purple', 'Video', '视频'),
  s('image', 'magenta', 'Image', '图像'),
  s('audio', 'cyan', 'Audio', '音频'),
  s('text', 'blue', 'Text', '文本'),
] as const satisfies readonly EnumOption[]

export const GENERATION_STATUSES = [
  s('processing', 'blue', 'Processing', '生成中'),
  s('completed', 'green', 'Completed', '已完成'),
  s('failed', 'red', 'Failed', '失败'),
] as const satisfies readonly EnumOption[]

/** Why `POST /api/internal/keys/verify` refuses a key (the reply's `code`). */
export const VERIFY_REFUSALS = [
  s('INVALID_KEY', 'red', 'Unknown key', '无效密钥'),
  s('DISABLED', 'default', 'Key disabled', '密钥已停用'),
  s('EXPIRED', 'orange', 'Key expired', '密钥已过期'),
  s('LOCKED', 'red', 'Key locked', '密钥已锁定'),
  s('MODEL_NOT_ALLOWED', 'gold', 'Model not allowed for this key', '该密钥不允许使用此模型'),
  s('IP_NOT_ALLOWED', 'gold', 'IP address not allowed', 'IP 不在白名单'),
  s('SPEND_CAP_REACHED', 'volcano', 'Spend cap reached', '已达消费上限'),
  s('RATE_LIMITED', 'orange', 'Rate limit reached (requests or tokens per minute)', '超出速率限制（每分钟请求数或 Token 数）'),
  s('INSUFFICIENT_FUNDS', 'red', 'Insufficient funds or amount owed', '余额不足或存在欠费'),
  s('MEMBER_CAP_REACHED', 'volcano', 'The member’s monthly spend cap is reached', '成员本月消费已达上限'),
  s('BILL_OVERDUE', 'red', 'Suspended: a bill is overdue', '账单逾期，已停用'),
] as const satisfies readonly EnumOption[]

/** What usage ingestion did with each record of a batch (`POST /api/internal/usage`'s `results[].outcome`). */
export const USAGE_OUTCOMES = [
  s('billed', 'green', 'Billed', '已计费'),
  s('duplicate', 'default', 'Duplicate (billed before)', '重复（此前已计费）'),
  s('rejected', 'red', 'Rejected', '已拒绝'),
] as const satisfies readonly EnumOption[]

export type ModelKind = Values<typeof MODEL_KINDS>
export type BillingUnit = Values<typeof BILLING_UNITS>
export type ChannelStatus = Values<typeof CHANNEL_STATUSES>
export type ApiKeyStatus = Values<typeof API_KEY_STATUSES>
export type ApiKeyState = Values<typeof API_KEY_STATES>
export type UsageStatus = Values<typeof USAGE_STATUSES>
export type HoldStatus = Values<typeof HOLD_STATUSES>
export type GenerationStatus = Values<typeof GENERATION_STATUSES>
export type VerifyRefusal = Values<typeof VERIFY_REFUSALS>
export type UsageOutcome = Values<typeof USAGE_OUTCOMES>

/** The usage status lists by table (added to the drift test's STATUS_LISTS). */
export const USAGE_STATUS_LISTS: Record<string, readonly EnumOption[]> = {
  usage_models: MODEL_STATUSES,
  channels: CHANNEL_STATUSES,
  upstream_keys: UPSTREAM_KEY_STATUSES,
  api_keys: API_KEY_STATUSES,
  usage_records: USAGE_STATUSES,
  holds: HOLD_STATUSES,
  generations: GENERATION_STATUSES,
}
