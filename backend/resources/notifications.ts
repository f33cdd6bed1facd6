import { NOTIFICATION_KINDS, NOTIFICATION_SEVERITIES } from '#contract/notifications'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/**
 * In-app notifications sent to customers (tier changes, quota alerts and resets, plans activated,
 * key locks, risk alerts): what was sent to whom and when, and whether it was read. Read-only;
 * the text is stored in both languages.
 */
export default defineResource({
  name: 'notifications',
  label: l('Notifications', '站内通知'),
  group: 'customers',
  icon: 'alert',
  menuOrder: 18,
  table: 'notifications',
  titleField: 'title_en',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['customer_id', 'kind', 'severity', 'created_at', 'read'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    created_at: { type: 'datetime', label: l('Sent', '发送时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    kind: { type: 'enum', label: l('Kind', '类型'), list: true, filter: ['eq', 'in'], options: NOTIFICATION_KINDS },
    severity: { type: 'enum', label: l('Severity', '级别'), list: true, filter: ['eq', 'in'], options: NOTIFICATION_SEVERITIES },
    title_en: { type: 'string', label: l('Title (English)', '标题（英文）'), list: true, searchable: true, filter: ['contains'], sql: "(notifications.title->>'en')" },
    title_zh: { type: 'string', label: l('Title (Chinese)', '标题（中文）'), list: true, filter: ['contains'], sql: "(notifications.title->>'zh-CN')" },
    body_en: { type: 'text', label: l('Text (English)', '内容（英文）'), sql: "(notifications.body->>'en')" },
    body_zh: { type: 'text', label: l('Text (Chinese)', '内容（中文）'), sql: "(notifications.body->>'zh-CN')" },
    data: { type: 'json', label: l('Figures', '相关数据') },
    read: {
      type: 'boolean',
      label: l('Read', '已读'),
      list: true,
      filter: ['eq'],
      sql: '(notifications.read_at IS NOT NULL)',
    },
    read_at: { type: 'datetime', label: l('Read at', '阅读时间'), sortable: true, filter: ['gte', 'lte'] },
    dedupe_key: { type: 'string', label: l('Once-only key', '去重键'), filter: ['eq'] },
  },
})
