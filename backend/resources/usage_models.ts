import creditdesk from '#config/creditdesk'
import { BILLING_UNITS, MODEL_KINDS, MODEL_STATUSES } from '#contract/usage'
import { defineResource } from '#engine/define_resource'
import type { FieldDef } from '#engine/types'
import { PRICE_SCALE } from '#services/catalog/decimals'
import { inForceSql, type PriceColumn } from '#services/catalog/prices'
import { checkModelCode } from '#services/catalog/checks'
import { l } from './_labels.js'

const price = { type: 'money' as const, scale: PRICE_SCALE, currency: creditdesk.asset }
/** The price in force now (read-only; a change is the `set_prices` action). */
const inForce = (column: PriceColumn, label: ReturnType<typeof l>): FieldDef => ({ ...price, label, sql: inForceSql(column, true), list: true, sortable: true })
/** An input of the `set_prices` form: exact decimal text, 12 places at most. */
const priceInput = (label: ReturnType<typeof l>): FieldDef => ({ ...price, label, help: l('Per billing unit (token prices per 1M tokens)', '按计费单位（Token 价格按每百万 Token）') })

/**
 * The model catalog (issue 10 §1): what gateways may bill, with the sell price in force now.
 * Prices are never edited in place: `set_prices` (finance) writes a new immutable version
 * (price-versions, the "Price history" tab), effective now or later.
 */
export default defineResource({
  name: 'usage-models',
  label: l('Models', '模型'),
  group: 'catalog',
  icon: 'api',
  menuOrder: 60,
  table: 'usage_models',
  titleField: 'code',
  defaultSort: [{ field: 'code', order: 'asc' }],
  primaryFilters: ['code', 'vendor', 'kind', 'billing_unit', 'status'],
  quickTabs: {
    field: 'status',
    tabs: MODEL_STATUSES.map((s) => ({ key: s.value, label: s.label, values: [s.value] })),
  },
  operations: { create: true, edit: true, delete: false, export: true },
  fields: {
    id: { type: 'number', label: l('ID', 'ID'), sortable: true, filter: ['eq', 'in'] },
    code: {
      type: 'string',
      label: l('Model code', '模型代码'),
      list: true,
      create: true,
      required: true,
      sortable: true,
      searchable: true,
      filter: ['eq', 'in', 'contains'],
      maxLength: 100,
      help: l('The name gateways send (e.g. gpt-4o-mini); cannot change later', '网关调用时使用的名称（如 gpt-4o-mini），创建后不可修改'),
    },
    name: { type: 'string', label: l('Display name', '显示名称'), list: true, create: true, edit: true, required: true, sortable: true, searchable: true, filter: ['contains'], minLength: 1, maxLength: 150 },
    vendor: { type: 'string', label: l('Vendor', '厂商'), list: true, create: true, edit: true, required: true, sortable: true, searchable: true, filter: ['eq', 'in', 'contains'], maxLength: 80 },
    kind: { type: 'enum', label: l('Kind', '类型'), list: true, create: true, edit: true, required: true, sortable: true, filter: ['eq', 'in'], options: [...MODEL_KINDS] },
    billing_unit: {
      type: 'enum',
      label: l('Billing unit', '计费单位'),
      list: true,
      create: true,
      required: true,
      sortable: true,
      filter: ['eq', 'in'],
      options: [...BILLING_UNITS],
      help: l('Cannot change later: its price versions are in this unit', '创建后不可修改：价格版本按此单位计价'),
    },
    status: { type: 'enum', label: l('Status', '状态'), list: true, create: true, edit: true, sortable: true, filter: ['eq', 'in'], options: [...MODEL_STATUSES] },
    description: { type: 'text', label: l('Description', '描述'), create: true, edit: true, maxLength: 2000 },
    input_price: inForce('input_price', l('Input price', '输入价格')),
    output_price: inForce('output_price', l('Output price', '输出价格')),
    cache_read_price: inForce('cache_read_price', l('Cache-read price', '缓存读取价格')),
    cache_write_price: { ...inForce('cache_write_price', l('Cache-write price', '缓存写入价格')), list: false },
    unit_price: inForce('unit_price', l('Unit price', '单价')),
    price_version: { type: 'number', label: l('Price version in force', '生效价格版本'), sql: inForceSql('version'), list: true, sortable: true, filter: ['eq'] },
    price_effective_at: { type: 'datetime', label: l('Price in force since', '当前价格生效时间'), sql: inForceSql('effective_at'), sortable: true },
    next_price_at: {
      type: 'datetime',
      label: l('Next price change', '下次调价时间'),
      sql: '(SELECT min(pv.effective_at) FROM price_versions pv WHERE pv.model_id = usage_models.id AND pv.effective_at > statement_timestamp())',
      list: true,
      sortable: true,
      filter: ['gte', 'lte'],
    },
    created_at: { type: 'datetime', label: l('Created', '创建时间'), sortable: true, filter: ['gte', 'lte'] },
    updated_at: { type: 'datetime', label: l('Updated', '更新时间'), sortable: true, filter: ['gte', 'lte'] },
  },
  relations: [
    { name: 'prices', label: l('Price history', '价格版本'), resource: 'price-versions', filterField: 'model_id' },
    { name: 'channels', label: l('Served by channels', '供应渠道'), resource: 'channel-models', filterField: 'model_id' },
    { name: 'audit', label: l('History', '操作记录'), resource: 'audit-logs', filterField: 'record_id' },
  ],
  actions: {
    set_prices: {
      label: l('Set prices', '调整价格'),
      scope: 'record',
      confirm: true,
      reason: true,
      fields: {
        input_price: priceInput(l('Input price', '输入价格')),
        output_price: priceInput(l('Output price', '输出价格')),
        cache_read_price: priceInput(l('Cache-read price', '缓存读取价格')),
        cache_write_price: priceInput(l('Cache-write price', '缓存写入价格')),
        unit_price: priceInput(l('Unit price', '单价')),
        effective_at: {
          type: 'datetime',
          label: l('Effective from', '生效时间'),
          help: l('Empty: now. A later time schedules the change; usage before it keeps the old price', '留空即立即生效；填写未来时间则定时生效，此前的用量仍按旧价计费'),
        },
      },
      resultTypes: { effective_at: { type: 'datetime', label: l('Effective from', '生效时间') } },
      handler: () => import('#actions/catalog/set_model_prices'),
    },
  },
  hooks: {
    beforeCreate: (values) => {
      checkModelCode(values.code)
      return values
    },
  },
})
