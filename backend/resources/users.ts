import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { CASH_ADJUSTMENT_FORM } from './_cash_adjustment_fields.js'
import { TIER_SOURCES } from '#contract/tiers'
import { TIER_OPTIONS } from '#services/tiers/options'
import { TPM_MODES } from '#actions/tiers/set_negotiated_terms'
import { l } from './_labels.js'
import { ORG_ACTIONS, ORG_FIELDS, ORG_RELATIONS } from './_org_user_fields.js'

/** A customer's balance in one bucket, per row (PRD §3: 余额/赠送代金券额度, sortable, 余额区间 filter). */
const balance = (code: 'cash' | 'gift') =>
  `(SELECT coalesce(sum(a.balance), 0) FROM ledger_accounts a WHERE a.owner_type = 'customer' AND a.owner_id = customers.id AND a.code = '${code}')`
const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }

/** Customers of the platform (PRD §3), managed by operations and support. */
export default defineResource({
  name: 'users',
  label: l('Users', '用户'),
  group: 'customers',
  icon: 'user',
  menuOrder: 10,
  table: 'customers',
  titleField: 'email',
  defaultSort: [{ field: 'created_at', order: 'desc' }],
  primaryFilters: ['email', 'phone', 'tier', 'verification_status', 'frozen', 'created_at'],
  quickTabs: {
    field: 'frozen',
    tabs: [
      { key: 'active', label: l('Active', '正常'), values: ['false'] },
      { key: 'frozen', label: l('Frozen', '已冻结'), values: ['true'] },
    ],
  },
  operations: { create: false, edit: true, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', '用户ID'), list: true, sortable: true, filter: ['eq', 'in'], searchable: true },
    email: { type: 'string', label: l('Email', '邮箱'), list: true, sortable: true, searchable: true, filter: ['eq', 'contains'], format: 'email', sensitive: true },
    nickname: { type: 'string', label: l('Nickname', '昵称'), list: true, edit: true, sortable: true, searchable: true, filter: ['contains'], maxLength: 80 },
    phone: { type: 'string', label: l('Phone', '手机号'), list: true, edit: true, searchable: true, filter: ['eq', 'contains'], format: 'phone', sensitive: true, maxLength: 32 },
    type: {
      type: 'enum',
      label: l('Type', '类型'),
      list: true,
      edit: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'individual', label: l('Individual', '个人'), color: 'blue' },
        { value: 'organization', label: l('Organization', '机构'), color: 'purple' },
      ],
    },
    org_type: {
      type: 'enum',
      label: l('Organization type', '机构类型'),
      edit: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'enterprise', label: l('Enterprise', '企业'), color: 'geekblue' },
        { value: 'dev_org', label: l('Developer organization', '开发组织'), color: 'cyan' },
        { value: 'individual_dev', label: l('Individual developer', '个人开发者'), color: 'green' },
      ],
    },
    is_developer: { type: 'boolean', label: l('Developer', '开发者'), list: true, edit: true, filter: ['eq'] },
    verification_status: {
      type: 'enum',
      label: l('Verification', '认证状态'),
      list: true,
      edit: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: [
        { value: 'unverified', label: l('Unverified', '未认证'), color: 'default' },
        { value: 'pending', label: l('Pending', '审核中'), color: 'gold' },
        { value: 'verified', label: l('Verified', '已认证'), color: 'green' },
        { value: 'rejected', label: l('Rejected', '已驳回'), color: 'red' },
      ],
    },
    tier: {
      type: 'enum',
      label: l('Tier', '账号等级'),
      list: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: TIER_OPTIONS,
    },
    // the tier's source and effective limits: set only through services/tiers/apply_tier.ts (the tier panel shows them)
    tier_source: { type: 'enum', label: l('Tier source', '等级来源'), show: false, filter: ['eq', 'in'], options: [...TIER_SOURCES] },
    tier_override_until: { type: 'datetime', label: l('Override until', '人工调级截止'), show: false, filter: ['gte', 'lte'] },
    rpm_limit: { type: 'number', label: l('RPM limit', 'RPM 限额'), show: false, sortable: true, filter: ['gte', 'lte'] },
    tpm_limit: { type: 'number', label: l('TPM limit', 'TPM 限额'), show: false, sortable: true, filter: ['gte', 'lte'] },
    recharged_total: { ...money, label: l('Cumulative recharge', '累计充值'), show: false, sortable: true, filter: ['gte', 'lte'] },
    price_multiplier: {
      type: 'string',
      label: l('Own price multiplier', '专属价格倍率'),
      sortable: true,
      filter: ['eq'],
      help: l('Wins over the tier multiplier; empty = the tier multiplier', '优先于等级倍率；为空则按等级倍率'),
    },
    frozen: { type: 'boolean', label: l('Frozen', '冻结'), list: true, sortable: true, filter: ['eq'] },
    frozen_reason: { type: 'text', label: l('Freeze reason', '冻结原因') },
    tags: { type: 'tags', label: l('Tags', '标签'), list: true, edit: true, filter: ['eq', 'in', 'contains'] },
    remark: { type: 'text', label: l('Remark', '备注'), edit: true, maxLength: 2000 },
    cash_balance: { ...money, label: l('Balance', '余额'), sql: balance('cash'), list: true, sortable: true, filter: ['gte', 'lte'] },
    gift_balance: { ...money, label: l('Voucher balance', '赠送代金券额度'), sql: balance('gift'), list: true, sortable: true, filter: ['gte', 'lte'] },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    last_login_at: { type: 'datetime', label: l('Last login', '最近登录'), list: true, sortable: true, filter: ['gte', 'lte'] },
    time_zone: { type: 'string', label: l('Time zone (quota periods)', '时区（配额周期）'), filter: ['eq'] },
    ...ORG_FIELDS,
  },
  relations: [
    { name: 'accounts', label: l('Wallet', '钱包'), resource: 'accounts', filterField: 'owner_id' },
    { name: 'ledger', label: l('Ledger', '账务流水'), resource: 'ledger-transactions', filterField: 'customer_id' },
    { name: 'vouchers', label: l('Vouchers', '代金券'), resource: 'campaign-grants', filterField: 'customer_id' },
    { name: 'codes', label: l('Redeemed codes', '兑换记录'), resource: 'redemption-codes', filterField: 'redeemed_by' },
    { name: 'cash_adjustments', label: l('Cash adjustments', '余额调整'), resource: 'cash-adjustments', filterField: 'customer_id' },
    { name: 'sessions', label: l('Sessions', '登录会话'), resource: 'customer-sessions', filterField: 'customer_id' },
    { name: 'tier_history', label: l('Tier history', '等级变更'), resource: 'tier-history', filterField: 'customer_id' },
    { name: 'plans', label: l('Plans', '套餐'), resource: 'customer-plans', filterField: 'customer_id' },
    { name: 'quotas', label: l('Quotas', '配额'), resource: 'customer-quotas', filterField: 'customer_id' },
    { name: 'notifications', label: l('Notifications', '站内通知'), resource: 'notifications', filterField: 'customer_id' },
    ...ORG_RELATIONS,
  ],
  actions: {
    set_price_multiplier: {
      label: l('Set price multiplier', '设置价格倍率'),
      scope: 'record',
      confirm: true,
      reason: true,
      fields: {
        price_multiplier: {
          type: 'string',
          label: l('Own price multiplier', '专属价格倍率'),
          maxLength: 12,
          help: l('0.9 = 10% off; empty = back to the tier multiplier', '0.9 即九折；留空则恢复等级倍率'),
        },
      },
      handler: () => import('#actions/catalog/set_customer_price_multiplier'),
    },
    freeze: {
      label: l('Freeze', '冻结'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'frozen', eq: false },
      handler: () => import('#actions/users/freeze_user'),
    },
    unfreeze: {
      label: l('Unfreeze', '解冻'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'frozen', eq: true },
      handler: () => import('#actions/users/unfreeze_user'),
    },
    reset_password: {
      label: l('Reset password', '重置密码'),
      scope: 'record',
      confirm: true,
      reason: true,
      // the link is a one-time secret: shown once, never stored or audited
      once: true,
      resultTypes: {
        resetUrl: { type: 'string', label: l('Reset link', '重置链接') },
        expiresAt: { type: 'datetime', label: l('Expires', '过期时间') },
      },
      handler: () => import('#actions/users/reset_user_password'),
    },
    unlock_sign_in: {
      label: l('Unlock sign-in', '解除登录锁定'),
      scope: 'record',
      confirm: true,
      reason: true,
      handler: () => import('#actions/users/unlock_user_sign_in'),
    },
    grant_voucher: {
      label: l('Grant voucher', '发放代金券'),
      scope: 'record',
      confirm: true,
      reason: true,
      fields: {
        amount: { ...money, label: l('Amount', '金额'), required: true },
        valid_days: { type: 'number', label: l('Valid for (days)', '有效天数'), min: 1, max: 3650, help: l('Or an expiry date below', '或在下方填写到期时间') },
        expires_at: { type: 'datetime', label: l('Expires', '到期时间') },
      },
      resultTypes: {
        amount: { type: 'money', label: l('Amount', '金额'), currency: creditdesk.asset },
        expires_at: { type: 'datetime', label: l('Valid until', '有效期至') },
      },
      handler: () => import('#actions/users/grant_voucher'),
    },
    request_cash_adjustment: {
      label: l('Cash adjustment', '余额调整'),
      scope: 'record',
      confirm: true,
      reason: true,
      fields: CASH_ADJUSTMENT_FORM,
      handler: () => import('#actions/cash_adjustments/request_cash_adjustment'),
    },
    set_tier: {
      label: l('Override tier', '调级'),
      scope: 'record',
      confirm: true,
      reason: true,
      fields: {
        tier: { type: 'enum', label: l('Tier', '等级'), required: true, options: TIER_OPTIONS },
        until: {
          type: 'datetime',
          label: l('Until', '截止时间'),
          help: l('Empty = until cleared; afterwards the tier from recharges (or negotiated terms) returns', '留空表示直到手动取消；到期后恢复按充值计算（或协议）的等级'),
        },
      },
      handler: () => import('#actions/tiers/override_customer_tier'),
    },
    clear_tier_override: {
      label: l('Clear tier override', '取消人工调级'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'tier_source', eq: 'override' },
      handler: () => import('#actions/tiers/clear_customer_tier_override'),
    },
    set_negotiated_terms: {
      label: l('Negotiated terms', '协议等级'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'type', eq: 'organization' },
      fields: {
        tier: { type: 'enum', label: l('Tier', '等级'), options: TIER_OPTIONS, help: l('Empty = end the terms (back to the tier from recharges)', '留空表示结束协议（恢复按充值计算的等级）') },
        tpm_mode: {
          type: 'enum',
          label: l('TPM', 'TPM'),
          options: [
            { value: TPM_MODES[0], label: l('The tier’s TPM', '按等级 TPM') },
            { value: TPM_MODES[1], label: l('Unlimited', '不限 TPM') },
            { value: TPM_MODES[2], label: l('Custom (may exceed the table’s max)', '自定义（可超出等级表上限）') },
          ],
        },
        custom_tpm: { type: 'number', label: l('Custom TPM', '自定义 TPM'), min: 1, max: 1_000_000_000_000 },
      },
      handler: () => import('#actions/tiers/set_negotiated_terms'),
    },
    set_time_zone: {
      label: l('Set time zone', '设置时区'),
      scope: 'record',
      reason: true,
      fields: {
        time_zone: {
          type: 'string',
          label: l('Time zone', '时区'),
          required: true,
          maxLength: 64,
          help: l('IANA name, e.g. Asia/Shanghai; daily and monthly quotas reset at its midnight', 'IANA 时区名，如 Asia/Shanghai；每日、每月配额在该时区零点重置'),
        },
      },
      handler: () => import('#actions/quotas/set_customer_time_zone'),
    },
    ...ORG_ACTIONS,
  },
})
