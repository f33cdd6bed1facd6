/**
 * Organizations (issue 12 §1, PRD §3/§10): types, verification, member roles and what each role may
 * do in the portal, invitations and KYC reviews. Backend, console and portal read these lists.
 */
import type { EnumOption } from './meta.js'
import { option as s, type Values } from './options.js'

export const ORG_TYPES = [
  s('enterprise', 'geekblue', 'Enterprise', '企业'),
  s('dev_org', 'cyan', 'Developer organization', '开发组织'),
  s('individual_dev', 'green', 'Individual developer', '个人开发者'),
] as const satisfies readonly EnumOption[]

export const MEMBER_ROLES = [
  s('admin', 'red', 'Admin', '管理员'),
  s('finance', 'gold', 'Finance', '财务'),
  s('developer', 'blue', 'Developer', '开发者'),
  s('read_only', 'default', 'Read-only', '只读'),
] as const satisfies readonly EnumOption[]

export const MEMBER_STATUSES = [
  s('active', 'green', 'Active', '正常'),
  s('removed', 'default', 'Removed', '已移除'),
] as const satisfies readonly EnumOption[]

export const INVITATION_STATUSES = [
  s('pending', 'gold', 'Pending', '待接受'),
  s('accepted', 'green', 'Accepted', '已接受'),
  s('revoked', 'default', 'Revoked', '已撤销'),
  s('expired', 'orange', 'Expired', '已过期'),
] as const satisfies readonly EnumOption[]

export const KYC_REVIEW_STATUSES = [
  s('pending', 'gold', 'Awaiting review', '待审核'),
  s('approved', 'green', 'Approved', '已通过'),
  s('rejected', 'red', 'Rejected', '已驳回'),
] as const satisfies readonly EnumOption[]

export const BILLING_MODES = [
  s('prepaid', 'blue', 'Prepaid', '预付费'),
  s('postpaid', 'purple', 'Postpaid', '后付费'),
] as const satisfies readonly EnumOption[]

export type OrgType = Values<typeof ORG_TYPES>
export type MemberRole = Values<typeof MEMBER_ROLES>
export type BillingMode = Values<typeof BILLING_MODES>

/**
 * What a member may do in the portal while acting in an organization. The person who signs in
 * with the organization's own account, and anyone acting in their personal account, holds every
 * capability (`owner`).
 */
export const PORTAL_CAPABILITIES = [
  'dashboard.view', // wallet summary, usage summary, quotas, tier (read-only)
  'wallet.view', // wallet history and statements
  'recharge', // buy balance, redeem codes, orders
  'bills.view',
  'bills.pay',
  'bills.dispute',
  'invoices.request',
  'keys.view',
  'keys.manage',
  'usage.view', // usage detail and export
  'members.manage', // invite, remove, change role and caps
  'contracts.sign',
] as const
export type PortalCapability = (typeof PORTAL_CAPABILITIES)[number]

export const ROLE_CAPABILITIES: Record<MemberRole | 'owner', readonly PortalCapability[]> = {
  owner: PORTAL_CAPABILITIES,
  admin: PORTAL_CAPABILITIES,
  finance: ['dashboard.view', 'wallet.view', 'recharge', 'bills.view', 'bills.pay', 'bills.dispute', 'invoices.request'],
  developer: ['dashboard.view', 'keys.view', 'keys.manage', 'usage.view'],
  read_only: ['dashboard.view'],
}

export const can = (role: MemberRole | 'owner', capability: PortalCapability) => ROLE_CAPABILITIES[role].includes(capability)

/** The header a portal request names the organization it acts in with (absent = the person's own account). */
export const ACTING_ORG_HEADER = 'X-Creditdesk-Org'
/** The same as a query parameter, for links opened without headers (CSV and PDF downloads). */
export const ACTING_ORG_PARAM = '_org'

/** Days an invitation link stays valid. */
export const INVITATION_VALID_DAYS = 7

export const ORG_STATUS_LISTS: Record<string, readonly EnumOption[]> = {
  organization_members: MEMBER_STATUSES,
  organization_invitations: INVITATION_STATUSES,
  org_kyc_reviews: KYC_REVIEW_STATUSES,
}
