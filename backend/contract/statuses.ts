/**
 * The statuses people see, one list per record kind, in the database's spelling (the CHECK
 * constraints in database/migrations list the same values), with both languages and a tag colour.
 * Resources use them as enum options; the portal labels its orders with them.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'
import { USAGE_STATUS_LISTS } from './usage.js'
import { RISK_STATUS_LISTS } from './risk.js'
import { ORG_STATUS_LISTS } from './orgs.js'
import { BILL_STATUS_LISTS } from './bills.js'

export const ORDER_STATUSES = [
  s('PENDING', 'gold', 'Awaiting payment', '待支付'),
  s('PAID', 'green', 'Paid', '成功'),
  s('FAILED', 'red', 'Failed', '失败'),
  s('CANCELLED', 'default', 'Cancelled', '已关闭'),
  s('REFUNDING', 'orange', 'Refunding', '退款中'),
  s('PARTIALLY_REFUNDED', 'volcano', 'Partially refunded', '部分退款'),
  s('REFUNDED', 'purple', 'Refunded', '已退款'),
] as const satisfies readonly EnumOption[]

export const REFUND_STATUSES = [
  s('REQUESTED', 'gold', 'Awaiting review', '待审核'),
  s('REJECTED', 'default', 'Rejected', '已驳回'),
  s('PROCESSING', 'blue', 'Processing', '退款中'),
  s('SUCCEEDED', 'green', 'Refunded', '已退款'),
  s('REFUND_FAILED', 'red', 'Failed', '退款失败'),
] as const satisfies readonly EnumOption[]

export const CODE_STATUSES = [
  s('ACTIVE', 'green', 'Active', '可用'),
  s('REDEEMED', 'default', 'Redeemed', '已兑换'),
  s('EXPIRED', 'orange', 'Expired', '已过期'),
  s('VOIDED', 'red', 'Voided', '已作废'),
] as const satisfies readonly EnumOption[]

export const CAMPAIGN_STATUSES = [
  s('draft', 'default', 'Draft', '草稿'),
  s('sending', 'blue', 'Sending', '发放中'),
  s('sent', 'green', 'Sent', '已发放'),
  s('failed', 'red', 'Failed', '失败'),
] as const satisfies readonly EnumOption[]

export const RECONCILIATION_RUN_STATUSES = [
  s('running', 'blue', 'Running', '进行中'),
  s('completed', 'green', 'Completed', '已完成'),
  s('failed', 'red', 'Failed', '失败'),
] as const satisfies readonly EnumOption[]

export const RECONCILIATION_FINDING_STATUSES = [
  s('OPEN', 'gold', 'Open', '待处理'),
  s('REPAIRED', 'green', 'Repaired', '已修复'),
  s('FAILED', 'red', 'Repair failed', '修复失败'),
] as const satisfies readonly EnumOption[]

export const CASH_ADJUSTMENT_STATUSES = [
  s('PENDING', 'gold', 'Awaiting approval', '待复核'),
  s('APPROVED', 'green', 'Approved', '已通过'),
  s('REJECTED', 'default', 'Rejected', '已驳回'),
] as const satisfies readonly EnumOption[]

export type OrderStatus = Values<typeof ORDER_STATUSES>
export type RefundStatus = Values<typeof REFUND_STATUSES>
export type CodeStatus = Values<typeof CODE_STATUSES>
export type CampaignStatus = Values<typeof CAMPAIGN_STATUSES>
export type ReconciliationRunStatus = Values<typeof RECONCILIATION_RUN_STATUSES>
export type ReconciliationFindingStatus = Values<typeof RECONCILIATION_FINDING_STATUSES>
export type CashAdjustmentStatus = Values<typeof CASH_ADJUSTMENT_STATUSES>

/** Every status list by the table whose `status` column it describes (the drift test checks each against the database). */
export const STATUS_LISTS: Record<string, readonly EnumOption[]> = {
  orders: ORDER_STATUSES,
  refunds: REFUND_STATUSES,
  redemption_codes: CODE_STATUSES,
  campaigns: CAMPAIGN_STATUSES,
  reconciliation_runs: RECONCILIATION_RUN_STATUSES,
  reconciliation_findings: RECONCILIATION_FINDING_STATUSES,
  cash_adjustments: CASH_ADJUSTMENT_STATUSES,
  ...USAGE_STATUS_LISTS,
  ...RISK_STATUS_LISTS,
  ...ORG_STATUS_LISTS,
  ...BILL_STATUS_LISTS,
}

export const valuesOf = (options: readonly EnumOption[]) => options.map((o) => o.value)
