import { QUOTA_FEATURES, QUOTA_PERIODS, QUOTA_THRESHOLDS } from '#contract/quotas'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

const THRESHOLD_COLORS: Record<number, string> = { 80: 'gold', 95: 'orange', 100: 'red' }

/**
 * Quota alerts: a customer reached 80, 95 or 100 % of a quota — once per period per threshold,
 * with the in-app notification it sent. Read-only.
 */
export default defineResource({
  name: 'quota-alerts',
  label: l('Quota alerts', '配额预警'),
  group: 'quotas',
  icon: 'alert',
  menuOrder: 73,
  table: 'quota_alerts',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['customer_id', 'feature', 'threshold', 'created_at'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    feature: { type: 'enum', label: l('Feature', '功能'), list: true, filter: ['eq', 'in'], options: QUOTA_FEATURES },
    period: { type: 'enum', label: l('Period', '周期'), list: true, filter: ['eq', 'in'], options: QUOTA_PERIODS },
    period_start: { type: 'datetime', label: l('Period started', '周期开始'), list: true, filter: ['gte', 'lte'] },
    threshold: {
      type: 'enum',
      label: l('Threshold', '阈值'),
      list: true,
      filter: ['eq', 'in'],
      options: QUOTA_THRESHOLDS.map((t) => ({ value: String(t), label: l(`${t}%`, `${t}%`), color: THRESHOLD_COLORS[t] })),
      // the column is a number; the enum compares its text
      sql: '(quota_alerts.threshold::text)',
    },
    used: { type: 'number', label: l('Used then', '当时已用'), list: true },
    quota_limit: { type: 'number', label: l('Limit', '额度'), list: true },
    notification_id: { type: 'relation', label: l('Notification', '通知'), relation: { resource: 'notifications', labelField: 'title_en' } },
  },
})
