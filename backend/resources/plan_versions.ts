import creditdesk from '#config/creditdesk'
import { CURRENCIES, CURRENCY_SCALE } from '#config/payments'
import { defineResource } from '#engine/define_resource'
import { priceLabel } from '#validators/plans'
import { l } from './_labels.js'

/**
 * The plan timeline: one immutable row per state of a plan (the database refuses UPDATE and
 * DELETE). `changes` holds the fields that changed, `{ before: {...}, after: {...} }`; version
 * 1 is the plan as created. Read `GET /api/admin/plan-versions?plan_id=1&_sort=version&_order=desc`.
 */
export default defineResource({
  name: 'plan-versions',
  label: l('Plan versions', '套餐版本'),
  group: 'billing',
  icon: 'history',
  menuOrder: 41,
  table: 'plan_versions',
  titleField: 'version',
  defaultSort: [{ field: 'id', order: 'desc' }],
  primaryFilters: ['plan_id', 'version', 'created_at'],
  operations: { create: false, edit: false, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), list: true, sortable: true, filter: ['eq', 'in'] },
    plan_id: { type: 'relation', label: l('Plan', '套餐'), list: true, sortable: true, filter: ['eq', 'in'], relation: { resource: 'plans', labelField: 'name' } },
    version: { type: 'number', label: l('Version', '版本'), list: true, sortable: true, searchable: true, filter: ['eq', 'gte', 'lte'] },
    code: { type: 'string', label: l('Code', '套餐代码'), filter: ['eq'] },
    name: { type: 'string', label: l('Name', '名称'), list: true, searchable: true, filter: ['contains'] },
    description: { type: 'text', label: l('Description', '描述') },
    name_zh: { type: 'string', label: l('Name (Chinese)', '名称（中文）') },
    description_zh: { type: 'text', label: l('Description (Chinese)', '描述（中文）') },
    prices: { type: 'json', currencies: CURRENCIES, scale: CURRENCY_SCALE, label: l('Prices', '价格') },
    price: { type: 'string', label: l('Price', '价格'), list: true, compute: (row) => priceLabel(row.prices) },
    grant_amount: { type: 'money', scale: creditdesk.scale, currency: creditdesk.asset, label: l('Amount granted', '到账额度'), list: true },
    active: { type: 'boolean', label: l('Active', '上架'), list: true, filter: ['eq'] },
    sort_order: { type: 'number', label: l('Order', '排序') },
    changes: { type: 'json', label: l('Changes (old → new)', '变更（旧 → 新）'), list: true },
    reason: { type: 'text', label: l('Reason', '原因') },
    actor_label: { type: 'string', label: l('Changed by', '操作人'), list: true, filter: ['eq', 'contains'] },
    actor_id: { type: 'relation', label: l('Staff', '员工'), filter: ['eq'], relation: { resource: 'staff', labelField: 'email' } },
    created_at: { type: 'datetime', label: l('Time', '时间'), list: true, sortable: true, filter: ['gte', 'lte'] },
  },
})
