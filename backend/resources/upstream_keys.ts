import { UPSTREAM_KEY_STATUSES } from '#contract/usage'
import { defineResource } from '#engine/define_resource'
import { InvalidInput } from '#exceptions/domain_errors'
import { checkSecret, newKeyValues } from '#services/catalog/upstream_keys'
import { l } from './_labels.js'

const secretField = {
  type: 'string' as const,
  label: l('Key', '密钥'),
  required: true,
  writeOnly: true,
  maxLength: 4096,
  help: l('The provider API key; stored encrypted, shown afterwards by its first 8 characters only', '上游 API 密钥；加密保存，之后仅显示前 8 位'),
}

/**
 * Upstream provider keys of a channel (issue 10 §1). The secret is encrypted with the app's
 * encryption and never leaves the server in lists, records or exports (no declared field holds
 * it): `reveal` shows it once, to a role with view_sensitive, audited. Keys are due for rotation
 * 30 days after creation; `rotate` takes the provider's new secret, and the old key serves 7 more
 * days. The daily job `upstream-keys-rotation` flags due keys (one alert each) and retires
 * overlapped ones (services/catalog/key_rotation.ts).
 */
export default defineResource({
  name: 'upstream-keys',
  label: l('Upstream keys', '上游密钥'),
  group: 'catalog',
  icon: 'key',
  menuOrder: 65,
  table: 'upstream_keys',
  titleField: 'prefix',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['channel_id', 'prefix', 'rotation_due_at', 'rotation_flagged_at', 'last_error_at'],
  quickTabs: {
    field: 'status',
    tabs: UPSTREAM_KEY_STATUSES.map((s) => ({ key: s.value, label: s.label, values: [s.value] })),
  },
  operations: { create: true, edit: true, delete: false, export: true },
  extraPermissions: ['view_sensitive'],
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    channel_id: { type: 'relation', label: l('Channel', '渠道'), list: true, create: true, required: true, filter: ['eq', 'in'], relation: { resource: 'channels', labelField: 'name' } },
    name: { type: 'string', label: l('Name', '名称'), list: true, create: true, edit: true, required: true, sortable: true, searchable: true, filter: ['contains'], minLength: 1, maxLength: 100 },
    secret: { ...secretField, create: true },
    prefix: { type: 'string', label: l('Key prefix', '密钥前缀'), list: true, searchable: true, filter: ['eq', 'contains'] },
    status: {
      type: 'enum',
      label: l('Status', '状态'),
      list: true,
      edit: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: [...UPSTREAM_KEY_STATUSES],
      formOptions: ['active', 'disabled'],
    },
    request_count: { type: 'number', label: l('Requests', '请求数'), list: true, sortable: true, filter: ['gte', 'lte'] },
    error_count: { type: 'number', label: l('Errors', '错误数'), sortable: true, filter: ['gte', 'lte'] },
    error_rate: {
      type: 'number',
      label: l('Error rate (%)', '错误率（%）'),
      sql: '(CASE WHEN upstream_keys.request_count > 0 THEN round(upstream_keys.error_count * 100.0 / upstream_keys.request_count, 2) END)',
      list: true,
      sortable: true,
      filter: ['gte', 'lte'],
    },
    last_error: { type: 'text', label: l('Last error', '最近错误'), list: true },
    last_error_at: { type: 'datetime', label: l('Last error at', '最近错误时间'), sortable: true, filter: ['gte', 'lte'] },
    last_used_at: { type: 'datetime', label: l('Last used', '最近使用'), list: true, sortable: true, filter: ['gte', 'lte'] },
    rotation_due_at: { type: 'datetime', label: l('Rotation due', '应轮换时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    rotation_flagged_at: { type: 'datetime', label: l('Flagged for rotation', '轮换提醒时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    replaced_by_id: { type: 'relation', label: l('Replaced by', '替换为'), filter: ['eq'], relation: { resource: 'upstream-keys', labelField: 'prefix' } },
    retire_at: { type: 'datetime', label: l('Retires at', '退役时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    created_by: { type: 'relation', label: l('Added by', '添加人'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    reveal: {
      label: l('Reveal key', '查看密钥'),
      scope: 'record',
      confirm: true,
      once: true,
      handler: () => import('#actions/catalog/reveal_upstream_key'),
    },
    rotate: {
      label: l('Rotate', '轮换密钥'),
      scope: 'record',
      confirm: true,
      when: { field: 'status', eq: 'active' },
      fields: { secret: { ...secretField, label: l('New key', '新密钥') } },
      handler: () => import('#actions/catalog/rotate_upstream_key'),
    },
  },
  hooks: {
    beforeCreate: (values, _trx, { actor }) => {
      const { secret, ...rest } = values
      const sealed = newKeyValues(rest.channel_id, rest.name, checkSecret('secret', secret), actor.type === 'staff' ? actor.id : null)
      return { ...rest, ...sealed }
    },
    beforeUpdate: (values, current) => {
      if (values.status !== undefined && values.status !== current.status && (current.status === 'retired' || values.status === 'retired')) {
        throw new InvalidInput([{ field: 'status', message: 'A key is retired only by rotation, and a retired key stays retired', rule: 'retired' }])
      }
      return values
    },
  },
})
