/**
 * What a customer page shows and does about organizations (PRD §3 机构用户, §10): the organization's
 * name and address, billing settings and overdue suspension, and the record actions open access,
 * billing, verification, invite and lift suspension. Shared with the organizations view.
 */
import creditdesk from '#config/creditdesk'
import { BILLING_MODES, MEMBER_ROLES, ORG_TYPES } from '#contract/orgs'
import type { ActionDef, FieldDef, RelationDef } from '#engine/types'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }
const CYCLES = [
  { value: 'monthly', label: l('Monthly', '按月') },
  { value: 'custom', label: l('Custom period', '自定义周期') },
]
const percentHelp = l('Percent, e.g. 6 or 13.5', '百分比，如 6 或 13.5')

export const ORG_FIELDS: Record<string, FieldDef> = {
  org_name: { type: 'string', label: l('Organization name', '机构名称'), list: true, sortable: true, searchable: true, filter: ['contains'] },
  org_address: { type: 'text', label: l('Address', '机构地址') },
  org_opened_at: { type: 'datetime', label: l('Organization access opened', '开通机构时间'), sortable: true, filter: ['gte', 'lte'] },
  org_opened_by: { type: 'relation', label: l('Opened by', '开通人'), relation: { resource: 'staff', labelField: 'email' } },
  billing_mode: { type: 'enum', label: l('Billing', '计费方式'), sortable: true, filter: ['eq', 'in'], options: BILLING_MODES },
  bill_cycle: { type: 'enum', label: l('Bill cycle', '账单周期'), filter: ['eq'], options: CYCLES },
  bill_cycle_days: { type: 'number', label: l('Cycle days', '周期天数') },
  bill_anchor: { type: 'date', label: l('Cycle anchor', '周期起始日') },
  payment_terms_days: { type: 'number', label: l('Payment terms (days)', '付款期限（天）') },
  overdue_suspend_days: { type: 'number', label: l('Suspend after overdue (days)', '逾期停用（天）') },
  tax_rate: { type: 'string', label: l('Tax rate %', '税率 %') },
  bill_discount_rate: { type: 'string', label: l('Bill discount %', '账单折扣 %') },
  billing_suspended_at: { type: 'datetime', label: l('Suspended (overdue)', '欠费停用时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  billing_suspended_reason: { type: 'text', label: l('Suspension reason', '停用原因') },
}

export const ORG_RELATIONS: RelationDef[] = [
  { name: 'members', label: l('Members', '成员'), resource: 'organization-members', filterField: 'org_id' },
  { name: 'invitations', label: l('Invitations', '邀请'), resource: 'organization-invitations', filterField: 'org_id' },
  { name: 'kyc_reviews', label: l('Verification reviews', '认证审核'), resource: 'org-kyc-reviews', filterField: 'org_id' },
  { name: 'contracts', label: l('Contracts', '合同'), resource: 'contracts', filterField: 'org_id' },
  { name: 'bills', label: l('Bills', '账单'), resource: 'bills', filterField: 'org_id' },
  { name: 'invoices', label: l('Invoices', '发票'), resource: 'invoices', filterField: 'customer_id' },
]

const billingFields: Record<string, FieldDef> = {
  billing_mode: { type: 'enum', label: l('Billing', '计费方式'), required: true, options: BILLING_MODES },
  credit_limit: { ...money, label: l('Credit limit (postpaid)', '信用额度（后付费）'), help: l('How far below zero the cash balance may go', '现金余额可透支的额度') },
}

export const ORG_ACTIONS: Record<string, ActionDef> = {
  open_org_access: {
    label: l('Open organization access', '开通机构'),
    scope: 'record',
    confirm: true,
    reason: true,
    when: { field: 'org_opened_at', eq: null },
    fields: {
      org_type: { type: 'enum', label: l('Organization type', '机构类型'), required: true, options: ORG_TYPES },
      org_name: { type: 'string', label: l('Organization name', '机构名称'), required: true, minLength: 1, maxLength: 160 },
      org_address: { type: 'text', label: l('Address', '机构地址'), maxLength: 500 },
      ...billingFields,
    },
    handler: () => import('#actions/orgs/open_org_access'),
  },
  set_billing: {
    label: l('Billing settings', '计费设置'),
    scope: 'record',
    confirm: true,
    reason: true,
    when: { field: 'type', eq: 'organization' },
    fields: {
      ...billingFields,
      credit_limit: { ...billingFields.credit_limit, required: true },
      bill_cycle: { type: 'enum', label: l('Bill cycle', '账单周期'), required: true, options: CYCLES },
      bill_cycle_days: { type: 'number', label: l('Cycle days (custom)', '周期天数（自定义）'), min: 1, max: 366 },
      bill_anchor: { type: 'date', label: l('Cycle anchor (custom)', '周期起始日（自定义）') },
      payment_terms_days: { type: 'number', label: l('Payment terms (days)', '付款期限（天）'), required: true, min: 0, max: 365 },
      overdue_suspend_days: { type: 'number', label: l('Suspend after overdue (days)', '逾期停用（天）'), required: true, min: 0, max: 365 },
      tax_rate: { type: 'string', label: l('Tax rate %', '税率 %'), required: true, maxLength: 8, help: percentHelp },
      bill_discount_rate: { type: 'string', label: l('Bill discount %', '账单折扣 %'), required: true, maxLength: 8, help: percentHelp },
    },
    handler: () => import('#actions/orgs/set_billing'),
  },
  submit_kyc: {
    label: l('Submit verification', '提交机构认证'),
    scope: 'record',
    confirm: true,
    when: { field: 'type', eq: 'organization' },
    fields: {
      legal_name: { type: 'string', label: l('Legal name', '法定名称'), required: true, minLength: 1, maxLength: 200 },
      registration_number: { type: 'string', label: l('Registration number', '统一社会信用代码 / 注册号'), maxLength: 64 },
      document_file_ids: { type: 'file', purpose: 'kyc_document', multiple: true, label: l('Documents', '认证材料'), required: true },
      note: { type: 'text', label: l('Note', '备注'), maxLength: 2000 },
    },
    handler: () => import('#actions/orgs/submit_kyc'),
  },
  invite_member: {
    label: l('Invite member', '邀请成员'),
    scope: 'record',
    confirm: true,
    when: { field: 'type', eq: 'organization' },
    fields: {
      email: { type: 'string', label: l('Email', '邮箱'), required: true, format: 'email', maxLength: 254 },
      role: { type: 'enum', label: l('Role', '角色'), required: true, options: MEMBER_ROLES },
    },
    handler: () => import('#actions/orgs/invite_member'),
  },
  lift_suspension: {
    label: l('Lift suspension', '解除欠费停用'),
    scope: 'record',
    confirm: true,
    reason: true,
    when: { field: 'billing_suspended_at', ne: null },
    handler: () => import('#actions/orgs/lift_suspension'),
  },
}
