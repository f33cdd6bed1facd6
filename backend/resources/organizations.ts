import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { ORG_TYPES } from '#contract/orgs'
import { ORG_FIELDS, ORG_RELATIONS } from './_org_user_fields.js'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }
const cash = (column: 'balance' | 'credit_limit') =>
  `(SELECT coalesce(sum(a.${column}), 0) FROM ledger_accounts a WHERE a.owner_type = 'customer' AND a.owner_id = organizations.id AND a.code = 'cash')`

/**
 * Organizations (PRD §3 机构用户, §10): the customers opened as organizations (the `organizations`
 * view over customers), with their members, billing settings and overdue suspension. Read-only
 * here: an organization is changed on its customer page (users), where its actions are.
 */
export default defineResource({
  name: 'organizations',
  label: l('Organizations', '机构'),
  group: 'organizations',
  icon: 'team',
  menuOrder: 10,
  table: 'organizations',
  titleField: 'org_name',
  defaultSort: [{ field: 'created_at', order: 'desc' }],
  primaryFilters: ['org_name', 'org_type', 'verification_status', 'billing_mode', 'billing_suspended_at', 'created_at'],
  quickTabs: {
    field: 'billing_mode',
    tabs: [
      { key: 'prepaid', label: l('Prepaid', '预付费'), values: ['prepaid'] },
      { key: 'postpaid', label: l('Postpaid', '后付费'), values: ['postpaid'] },
    ],
  },
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'relation', label: l('Customer', '用户'), list: true, sortable: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    email: { type: 'string', label: l('Account email', '账号邮箱'), list: true, searchable: true, filter: ['eq', 'contains'], format: 'email', sensitive: true },
    ...ORG_FIELDS,
    org_type: { type: 'enum', label: l('Organization type', '机构类型'), list: true, sortable: true, filter: ['eq', 'in'], options: ORG_TYPES },
    verification_status: {
      type: 'enum',
      label: l('Verification', '认证状态'),
      list: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'unverified', label: l('Unverified', '未认证'), color: 'default' },
        { value: 'pending', label: l('Pending', '审核中'), color: 'gold' },
        { value: 'verified', label: l('Verified', '已认证'), color: 'green' },
        { value: 'rejected', label: l('Rejected', '已驳回'), color: 'red' },
      ],
    },
    tier: { type: 'string', label: l('Tier', '机构等级'), list: true, sortable: true, filter: ['eq', 'in'] },
    member_count: {
      type: 'number',
      label: l('Members', '成员数'),
      list: true,
      sortable: true,
      filter: ['gte', 'lte'],
      sql: `(SELECT count(*) FROM organization_members m WHERE m.org_id = organizations.id AND m.status = 'active')`,
    },
    cash_balance: { ...money, label: l('Balance', '机构余额'), list: true, sortable: true, filter: ['gte', 'lte'], sql: cash('balance') },
    credit_limit: { ...money, label: l('Credit limit', '信用额度'), list: true, sortable: true, filter: ['gte', 'lte'], sql: cash('credit_limit') },
    billing_mode: { ...ORG_FIELDS.billing_mode, list: true },
    frozen: { type: 'boolean', label: l('Frozen', '冻结'), list: true, filter: ['eq'] },
    tags: { type: 'tags', label: l('Tags', '标签'), list: true, filter: ['eq', 'in', 'contains'] },
    remark: { type: 'text', label: l('Remark', '备注') },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    last_login_at: { type: 'datetime', label: l('Last login', '最近登录'), sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [
    ...ORG_RELATIONS,
    { name: 'keys', label: l('API keys', 'API 密钥'), resource: 'api-keys', filterField: 'customer_id' },
    { name: 'ledger', label: l('Ledger', '账务流水'), resource: 'ledger-transactions', filterField: 'customer_id' },
  ],
})
