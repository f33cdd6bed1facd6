import creditdesk from '#config/creditdesk'
import { defineResource } from '#engine/define_resource'
import { API_KEY_STATES, API_KEY_STATUSES } from '#contract/usage'
import { l } from './_labels.js'

const money = { type: 'money' as const, scale: creditdesk.scale, currency: creditdesk.asset }
const STATE_SQL = `CASE WHEN api_keys.status = 'enabled' AND api_keys.expires_at <= now() THEN 'expired' ELSE api_keys.status END`

/**
 * Customers' API keys (PRD §9): owner, prefix (the secret is never stored, only its hash, which
 * this resource does not expose), status and the derived state (expired once its expiry has
 * passed), limits, models, IP allowlist, last use. Staff can disable/enable, edit limits, force a
 * roll (the owner rolls it in the portal: staff never see a secret), lock a key that leaked
 * (the owner is emailed) and — finance or a super admin — lift a lock.
 */
export default defineResource({
  name: 'api-keys',
  label: l('API keys', 'API 密钥'),
  group: 'usage',
  icon: 'key',
  menuOrder: 60,
  table: 'api_keys',
  titleField: 'prefix',
  defaultSort: [{ field: 'created_at', order: 'desc' }],
  primaryFilters: ['customer_id', 'prefix', 'name', 'state', 'last_used_at', 'created_at'],
  // tabs count a stored column; "expired" (computed) is the state filter's
  quickTabs: {
    field: 'status',
    tabs: API_KEY_STATUSES.map((s) => ({ key: s.value, label: s.label, values: [s.value] })),
  },
  operations: { create: false, edit: true, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    customer_id: { type: 'relation', label: l('Owner', '归属用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    member_id: { type: 'relation', label: l('Assigned member', '分配成员'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' }, help: l('In an organization: the member whose monthly cap this key counts against', '机构密钥：计入该成员的月度消费上限') },
    name: { type: 'string', label: l('Name', '名称'), list: true, sortable: true, searchable: true, filter: ['eq', 'contains'] },
    prefix: { type: 'string', label: l('Key prefix', '密钥前缀'), list: true, searchable: true, filter: ['eq', 'contains'] },
    status: { type: 'enum', label: l('Stored status', '存储状态'), sortable: true, filter: ['eq', 'in', 'ne'], options: API_KEY_STATUSES },
    state: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in', 'ne'], options: API_KEY_STATES, sql: STATE_SQL },
    expires_at: { type: 'datetime', label: l('Expires', '过期时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    rpm_limit: { type: 'number', label: l('RPM limit', '每分钟请求上限'), list: true, sortable: true, filter: ['eq', 'gte', 'lte'] },
    tpm_limit: { type: 'number', label: l('TPM limit', '每分钟 Token 上限'), sortable: true, filter: ['eq', 'gte', 'lte'] },
    daily_spend_cap: { ...money, label: l('Daily spend cap', '每日消费上限'), sortable: true, filter: ['gte', 'lte'] },
    monthly_spend_cap: { ...money, label: l('Monthly spend cap', '每月消费上限'), list: true, sortable: true, filter: ['gte', 'lte'] },
    allowed_models: { type: 'tags', label: l('Allowed models', '允许的模型'), list: true, filter: ['eq', 'in', 'contains'] },
    ip_allowlist: { type: 'tags', label: l('IP allowlist', 'IP 白名单'), filter: ['eq', 'in', 'contains'] },
    last_used_at: { type: 'datetime', label: l('Last used', '最近调用'), list: true, sortable: true, filter: ['gte', 'lte'] },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    remark: { type: 'text', label: l('Remark', '备注'), edit: true, searchable: true, filter: ['contains'], maxLength: 2000 },
    tags: { type: 'tags', label: l('Tags', '标签'), list: true, edit: true, filter: ['eq', 'in', 'contains'] },
    locked_at: { type: 'datetime', label: l('Locked at', '锁定时间'), sortable: true, filter: ['gte', 'lte'] },
    locked_reason: { type: 'text', label: l('Lock reason', '锁定原因'), filter: ['contains'] },
    rolled_from_id: { type: 'relation', label: l('Rolled from', '轮换自'), filter: ['eq'], relation: { resource: 'api-keys', labelField: 'prefix' } },
    rolled_at: { type: 'datetime', label: l('Rolled at', '轮换时间'), sortable: true, filter: ['gte', 'lte'] },
    deleted_at: { type: 'datetime', label: l('Deleted by owner', '用户删除时间'), sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'rolls', label: l('Replacements', '轮换出的新密钥'), resource: 'api-keys', filterField: 'rolled_from_id' }],
  actions: {
    disable: {
      label: l('Disable', '停用'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'state', in: ['enabled', 'expired'] },
      handler: () => import('#actions/api_keys/staff_disable_key'),
    },
    enable: {
      label: l('Enable', '启用'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'state', eq: 'disabled' },
      handler: () => import('#actions/api_keys/staff_enable_key'),
    },
    edit_limits: {
      label: l('Edit limits', '修改限额'),
      scope: 'record',
      reason: true,
      fields: {
        allowed_models: { type: 'tags', label: l('Allowed models', '允许的模型'), help: l('Model codes; empty = every model', '模型代码；留空表示全部模型') },
        ip_allowlist: { type: 'tags', label: l('IP allowlist', 'IP 白名单'), help: l('Addresses or CIDR blocks; empty = any address', 'IP 地址或 CIDR 网段；留空表示不限') },
        rpm_limit: { type: 'number', label: l('RPM limit', '每分钟请求上限'), min: 1 },
        tpm_limit: { type: 'number', label: l('TPM limit', '每分钟 Token 上限'), min: 1 },
        daily_spend_cap: { ...money, label: l('Daily spend cap', '每日消费上限') },
        monthly_spend_cap: { ...money, label: l('Monthly spend cap', '每月消费上限') },
      },
      handler: () => import('#actions/api_keys/edit_key_limits'),
    },
    force_roll: {
      label: l('Force roll', '强制轮换'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'state', in: ['enabled', 'disabled', 'locked'] },
      fields: {
        overlap_minutes: {
          type: 'number',
          label: l('Keeps working for (minutes)', '旧密钥保留分钟数'),
          min: 0,
          max: 10080,
          help: l('0 = stops now. The customer is emailed to roll the key in the portal; staff never see the new secret.', '0 表示立即失效。系统会邮件通知用户在门户中轮换密钥；工作人员看不到新密钥。'),
        },
      },
      handler: () => import('#actions/api_keys/force_roll_key'),
    },
    leak_lock: {
      label: l('Leak lock', '泄露锁定'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'status', in: ['enabled', 'disabled'] },
      handler: () => import('#actions/api_keys/leak_lock_key'),
    },
    unlock: {
      label: l('Unlock', '解除锁定'),
      scope: 'record',
      confirm: true,
      reason: true,
      when: { field: 'status', eq: 'locked' },
      handler: () => import('#actions/api_keys/unlock_key'),
    },
  },
})
