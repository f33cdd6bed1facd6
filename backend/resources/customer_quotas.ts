import { QUOTA_FEATURES, QUOTA_PERIODS } from '#contract/quotas'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

/**
 * The quota overview (issue 11 §2): one row per customer, feature and period of the plans the
 * customer holds now — the limit (added up over plans; empty = unlimited), what was used in the
 * current period (in the customer's time zone), the share used and when it resets. Read from the
 * `customer_quotas` view (migration 0056). Staff may reset a row's count to 0, with a reason
 * (audited; the customer is told in-app).
 */
export default defineResource({
  name: 'customer-quotas',
  label: l('Customer quotas', '用户配额'),
  group: 'quotas',
  icon: 'database',
  menuOrder: 71,
  table: 'customer_quotas',
  titleField: 'feature',
  defaultSort: [{ field: 'percent', order: 'desc' }],
  primaryFilters: ['customer_id', 'feature', 'plan_id', 'period', 'percent'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    // customer:feature:period; not a filter (customer, feature and period are)
    id: { type: 'string', label: l('Key', '标识') },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    feature: { type: 'enum', label: l('Feature', '功能'), list: true, sortable: true, filter: ['eq', 'in'], options: QUOTA_FEATURES },
    plan_id: { type: 'relation', label: l('Plan', '套餐'), list: true, filter: ['eq', 'in'], relation: { resource: 'plans', labelField: 'name' } },
    plan_count: { type: 'number', label: l('Plans giving it', '来源套餐数'), help: l('Limits of the same feature add up over plans; the plan shown is the latest started', '同一功能的额度按套餐累加；显示最近生效的套餐') },
    usage: {
      type: 'string',
      label: l('Used / limit', '已用 / 额度'),
      list: true,
      compute: (row) => `${row.used} / ${row.quota_limit === null || row.quota_limit === undefined ? '∞' : row.quota_limit}`,
    },
    used: { type: 'number', label: l('Used', '已用'), sortable: true, filter: ['gte', 'lte'] },
    quota_limit: { type: 'number', label: l('Limit (empty = unlimited)', '额度（空 = 不限）'), sortable: true, filter: ['gte', 'lte'] },
    percent: {
      type: 'number',
      label: l('Used %', '使用率 %'),
      list: true,
      sortable: true,
      filter: ['gte', 'lte'],
      sql: 'CASE WHEN customer_quotas.quota_limit > 0 THEN round(customer_quotas.used * 100.0 / customer_quotas.quota_limit, 1) END',
    },
    period: { type: 'enum', label: l('Period', '周期'), list: true, filter: ['eq', 'in'], options: QUOTA_PERIODS },
    period_start: { type: 'datetime', label: l('Period started', '本周期开始'), sortable: true },
    resets_at: { type: 'datetime', label: l('Resets at', '重置时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    time_zone: { type: 'string', label: l('Customer time zone', '用户时区'), filter: ['eq'] },
  },
  actions: {
    reset: {
      label: l('Reset this period', '重置本周期用量'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      handler: () => import('#actions/quotas/reset_customer_quota'),
    },
  },
})
