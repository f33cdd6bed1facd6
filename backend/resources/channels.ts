import creditdesk from '#config/creditdesk'
import { CHANNEL_STATUSES, CHANNEL_TYPES } from '#contract/usage'
import { defineResource } from '#engine/define_resource'
import { checkBaseUrl } from '#services/catalog/checks'
import { l } from './_labels.js'

/** Base URL checked; a balance typed in (a new one, not the form posting the old one back) stamps when it was read. */
const prepare = (values: Record<string, any>, current?: Record<string, any>) => {
  checkBaseUrl(values.base_url)
  const changed = 'balance' in values && String(values.balance ?? '') !== String(current?.balance ?? '')
  return changed ? { ...values, balance_updated_at: values.balance === null ? null : new Date() } : values
}

/**
 * Upstream providers (issue 10 §1): where requests are routed (priority, then weight), whether
 * they may be (enabled / disabled / auto-disabled by health checks), our prepaid balance with
 * them, the models each serves at what cost ("Models served") and its keys ("Upstream keys").
 */
export default defineResource({
  name: 'channels',
  label: l('Channels', '渠道'),
  group: 'catalog',
  icon: 'bank',
  menuOrder: 63,
  table: 'channels',
  titleField: 'name',
  defaultSort: [{ field: 'priority', order: 'desc' }],
  primaryFilters: ['name', 'type', 'status', 'last_health_check_at'],
  quickTabs: {
    field: 'status',
    tabs: CHANNEL_STATUSES.map((s) => ({ key: s.value, label: s.label, values: [s.value] })),
  },
  totals: ['balance'],
  operations: { create: true, edit: true, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    name: { type: 'string', label: l('Name', '名称'), list: true, create: true, edit: true, required: true, sortable: true, searchable: true, filter: ['eq', 'contains'], minLength: 1, maxLength: 100 },
    type: { type: 'enum', label: l('Type', '类型'), list: true, create: true, edit: true, required: true, sortable: true, filter: ['eq', 'in'], options: [...CHANNEL_TYPES] },
    base_url: {
      type: 'string',
      label: l('Base URL', '接口地址'),
      list: true,
      create: true,
      edit: true,
      required: true,
      searchable: true,
      filter: ['contains'],
      maxLength: 500,
      help: l('http:// or https:// address of the provider API', '上游 API 的 http:// 或 https:// 地址'),
    },
    priority: {
      type: 'number',
      label: l('Priority', '优先级'),
      list: true,
      create: true,
      edit: true,
      sortable: true,
      filter: ['eq', 'gte', 'lte'],
      min: -1000,
      max: 1000,
      help: l('Higher first; channels of equal priority share traffic by weight', '数值高者优先；同优先级按权重分流'),
    },
    weight: { type: 'number', label: l('Weight', '权重'), list: true, create: true, edit: true, sortable: true, min: 0, max: 10000 },
    status: { type: 'enum', label: l('Status', '状态'), list: true, create: true, edit: true, sortable: true, filter: ['eq', 'in'], options: [...CHANNEL_STATUSES] },
    balance: {
      type: 'money',
      scale: creditdesk.scale,
      currency: creditdesk.asset,
      label: l('Balance with provider', '渠道余额'),
      list: true,
      create: true,
      edit: true,
      sortable: true,
      filter: ['gte', 'lte'],
    },
    balance_updated_at: { type: 'datetime', label: l('Balance as of', '余额更新时间'), sortable: true },
    last_health_check_at: { type: 'datetime', label: l('Last health check', '最近健康检查'), list: true, sortable: true, filter: ['gte', 'lte'] },
    last_health_status: { type: 'string', label: l('Health', '健康状态'), list: true, filter: ['eq'] },
    remark: { type: 'text', label: l('Remark', '备注'), create: true, edit: true, maxLength: 2000 },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), sortable: true, filter: ['gte', 'lte'] },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), sortable: true },
  },
  relations: [
    { name: 'models', label: l('Models served', '供应模型'), resource: 'channel-models', filterField: 'channel_id' },
    { name: 'keys', label: l('Upstream keys', '上游密钥'), resource: 'upstream-keys', filterField: 'channel_id' },
    { name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' },
  ],
  hooks: {
    beforeCreate: (values) => prepare(values),
    beforeUpdate: (values, current) => prepare(values, current),
  },
})
