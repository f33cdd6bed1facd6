import creditdesk from '#config/creditdesk'
import payments, { CURRENCIES, CURRENCY_SCALE } from '#config/payments'
import { defineResource } from '#engine/define_resource'
import recordPlanVersion from '#actions/plans/record_plan_version'
import type { PlanRow } from '#services/plans/rows'
import { priceLabel } from '#validators/plans'
import { QUOTA_EDIT_POLICIES, type PlanQuota } from '#contract/quotas'
import { l } from './_labels.js'

/**
 * The plan catalog (credit packages). Created and edited with the ordinary console forms;
 * every change writes an immutable version (the write hooks call
 * actions/plans/record_plan_version.ts), listed under the plan as its timeline. Plans are
 * never deleted — orders keep the version they bought — a plan is retired by making it
 * inactive.
 */
export default defineResource({
  name: 'plans',
  label: l('Plans', '套餐'),
  group: 'billing',
  icon: 'appstore',
  menuOrder: 40,
  table: 'plans',
  titleField: 'name',
  defaultSort: [{ field: 'sort_order', order: 'asc' }],
  primaryFilters: ['code', 'name', 'active'],
  operations: { create: true, edit: true, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    code: {
      type: 'string',
      label: l('Code', '套餐代码'),
      list: true,
      create: true,
      required: true,
      sortable: true,
      searchable: true,
      filter: ['eq', 'in', 'contains'],
      maxLength: 40,
      help: l('Letters, digits, - and _; cannot change later (e.g. starter)', '字母、数字、-、_，创建后不可修改（如 starter）'),
    },
    name: { type: 'string', label: l('Name', '名称'), list: true, create: true, edit: true, required: true, sortable: true, searchable: true, filter: ['contains'], maxLength: 120 },
    description: { type: 'text', label: l('Description', '描述'), create: true, edit: true, maxLength: 1000 },
    // what the portal shows in zh-CN (empty: the English text)
    name_zh: { type: 'string', label: l('Name (Chinese)', '名称（中文）'), create: true, edit: true, searchable: true, maxLength: 120 },
    description_zh: { type: 'text', label: l('Description (Chinese)', '描述（中文）'), create: true, edit: true, maxLength: 1000 },
    prices: {
      // one money input per currency; decimal strings on the wire ({"USD": "9.90"}), cents in the database
      type: 'json',
      currencies: CURRENCIES,
      scale: CURRENCY_SCALE,
      label: l('Prices', '价格'),
      create: true,
      edit: true,
      required: true,
      help: l(`A price per currency (${CURRENCIES.join(', ')}); ${payments.currency} is required`, `按币种填写价格（${CURRENCIES.join('、')}），${payments.currency} 必填`),
    },
    price: { type: 'string', label: l('Price', '价格'), list: true, compute: (row) => priceLabel(row.prices) },
    grant_amount: {
      type: 'money',
      scale: creditdesk.scale,
      currency: creditdesk.asset,
      label: l('Amount granted', '到账额度'),
      list: true,
      create: true,
      edit: true,
      required: true,
      sortable: true,
      filter: ['eq', 'gte', 'lte'],
    },
    active: { type: 'boolean', label: l('Active', '上架'), list: true, create: true, edit: true, sortable: true, filter: ['eq'] },
    sort_order: { type: 'number', label: l('Order', '排序'), list: true, create: true, edit: true, sortable: true, min: 0, max: 100000 },
    quotas: {
      type: 'json',
      label: l('Feature quotas', '功能配额'),
      help: l('Changed with "Set quotas" (recorded as a new version)', '通过「设置配额」修改（记为新版本）'),
    },
    quota_summary: {
      type: 'string',
      label: l('Quotas', '配额'),
      list: true,
      compute: (row) => (Array.isArray(row.quotas) ? row.quotas.map((q: PlanQuota) => `${q.feature} ${q.limit ?? '∞'}/${q.period}`).join(', ') : ''),
    },
    version: { type: 'number', label: l('Version', '版本'), list: true, sortable: true },
    current_version_id: { type: 'relation', label: l('Current version', '当前版本'), relation: { resource: 'plan-versions', labelField: 'version' } },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), sortable: true, filter: ['gte', 'lte'] },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [
    { name: 'versions', label: l('Version history', '版本记录'), resource: 'plan-versions', filterField: 'plan_id' },
    { name: 'orders', label: l('Orders', '订单'), resource: 'orders', filterField: 'plan_id' },
    { name: 'holders', label: l('Customers on this plan', '持有用户'), resource: 'customer-plans', filterField: 'plan_id' },
    { name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' },
  ],
  actions: {
    set_quotas: {
      label: l('Set quotas', '设置配额'),
      scope: 'record',
      confirm: true,
      reason: true,
      fields: {
        quotas: {
          type: 'json',
          label: l('Quotas', '配额'),
          required: true,
          help: l(
            'A list of {"feature": "video_generations", "limit": 10, "period": "daily" | "monthly" | "lifetime"}; limit null = unlimited',
            '列表，每项 {"feature": "video_generations", "limit": 10, "period": "daily" | "monthly" | "lifetime"}；limit 为 null 表示不限'
          ),
        },
        policy: { type: 'enum', label: l('Customers already on the plan', '已持有该套餐的用户'), required: true, options: QUOTA_EDIT_POLICIES },
      },
      handler: () => import('#actions/plans/set_plan_quotas'),
    },
  },
  hooks: {
    beforeCreate: (values, _trx, deps) => recordPlanVersion.handle({ values, current: null }, deps),
    beforeUpdate: (values, record, _trx, deps) => recordPlanVersion.handle({ values, current: record as PlanRow }, deps),
  },
})
