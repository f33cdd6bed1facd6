import { CUSTOMER_PLAN_SOURCES, CUSTOMER_PLAN_STATUSES } from '#contract/quotas'
import { defineResource } from '#engine/define_resource'
import { l } from './_labels.js'

const STATE_SQL = `CASE WHEN customer_plans.status = 'active' AND customer_plans.ends_at <= now() THEN 'expired' ELSE customer_plans.status END`

/**
 * Plans customers hold, which give their quotas: bought (activated when the order is credited)
 * or granted by staff with a reason; staff may cancel one (its quotas stop at once). A plan past
 * its end shows as expired.
 */
export default defineResource({
  name: 'customer-plans',
  label: l('Customer plans', '用户套餐'),
  group: 'quotas',
  icon: 'tags',
  menuOrder: 70,
  table: 'customer_plans',
  titleField: 'id',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['customer_id', 'plan_id', 'state', 'source', 'starts_at'],
  quickTabs: {
    field: 'status',
    tabs: CUSTOMER_PLAN_STATUSES.filter((s) => s.value !== 'expired').map((s) => ({ key: s.value, label: s.label, values: [s.value] })),
  },
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    customer_id: { type: 'relation', label: l('Customer', '用户'), list: true, filter: ['eq', 'in'], relation: { resource: 'users', labelField: 'email' } },
    plan_id: { type: 'relation', label: l('Plan', '套餐'), list: true, filter: ['eq', 'in'], relation: { resource: 'plans', labelField: 'name' } },
    plan_version_id: { type: 'relation', label: l('Version bought', '购买时版本'), relation: { resource: 'plan-versions', labelField: 'version' } },
    source: { type: 'enum', label: l('Source', '来源'), list: true, filter: ['eq', 'in'], options: CUSTOMER_PLAN_SOURCES },
    order_id: { type: 'relation', label: l('Order', '订单'), list: true, filter: ['eq'], relation: { resource: 'orders', labelField: 'number' } },
    staff_id: { type: 'relation', label: l('Granted by', '赠予人'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    status: { type: 'enum', label: l('Stored status', '存储状态'), filter: ['eq', 'in'], options: CUSTOMER_PLAN_STATUSES },
    state: { type: 'enum', label: l('Status', '状态'), list: true, sortable: true, filter: ['eq', 'in'], options: CUSTOMER_PLAN_STATUSES, sql: STATE_SQL },
    starts_at: { type: 'datetime', label: l('Starts', '生效时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    ends_at: { type: 'datetime', label: l('Ends', '结束时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
    reason: { type: 'text', label: l('Reason', '原因'), filter: ['contains'] },
    cancelled_at: { type: 'datetime', label: l('Cancelled at', '取消时间'), sortable: true, filter: ['gte', 'lte'] },
    cancelled_by: { type: 'relation', label: l('Cancelled by', '取消人'), relation: { resource: 'staff', labelField: 'email' } },
    cancel_reason: { type: 'text', label: l('Cancel reason', '取消原因') },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [{ name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' }],
  actions: {
    grant: {
      label: l('Grant a plan', '赠予套餐'),
      scope: 'collection',
      confirm: true,
      reason: true,
      fields: {
        customer_id: { type: 'relation', label: l('Customer', '用户'), required: true, relation: { resource: 'users', labelField: 'email' } },
        plan_id: { type: 'relation', label: l('Plan', '套餐'), required: true, relation: { resource: 'plans', labelField: 'name' } },
        starts_at: { type: 'datetime', label: l('Starts (empty = now)', '生效时间（空 = 立即）') },
        ends_at: { type: 'datetime', label: l('Ends (empty = no end)', '结束时间（空 = 不限）') },
      },
      handler: () => import('#actions/quotas/grant_plan'),
    },
    cancel: {
      label: l('Cancel plan', '取消套餐'),
      scope: 'record',
      confirm: true,
      reason: true,
      danger: true,
      when: { field: 'state', eq: 'active' },
      handler: () => import('#actions/quotas/cancel_customer_plan'),
    },
  },
})
